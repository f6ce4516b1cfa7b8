using System.Diagnostics;
using System.Text;

namespace AutoBooking.HostTests.Support;

/// <summary>
/// The worker as a child process, started like the host starts it (<c>dotnet AutoBooking.Functions.dll</c> in the
/// app folder, with the host's arguments and environment). Its stdout and stderr are kept for failure messages.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private const int MaxOutputChars = 64_000;
    private readonly StringBuilder output = new();
    private readonly Process process;

    private WorkerProcess(Process process)
    {
        this.process = process;
    }

    public bool HasExited => process.HasExited;

    /// <summary>Completes when the worker exits (a worker that crashes at start fails the handshake at once).</summary>
    public Task Exited => process.WaitForExitAsync();

    public static WorkerProcess Start(string appDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(appDirectory, WorkerLocation.AssemblyName));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var worker = new WorkerProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        worker.process.OutputDataReceived += (_, e) => worker.Append("out", e.Data);
        worker.process.ErrorDataReceived += (_, e) => worker.Append("err", e.Data);
        worker.process.Start();
        worker.process.BeginOutputReadLine();
        worker.process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>What the worker printed so far (the last part if it printed a lot), and its exit code if it exited.</summary>
    public string Output()
    {
        lock (output)
        {
            var exit = process.HasExited ? $"(worker exited with code {process.ExitCode})\n" : "";
            return exit + output;
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Append(stream).Append(": ").AppendLine(line);
            if (output.Length > MaxOutputChars)
            {
                output.Remove(0, output.Length - MaxOutputChars);
            }
        }
    }

    // The SDK tells test hosts which dotnet runs them; the host runs the worker with the same kind of muxer.
    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
