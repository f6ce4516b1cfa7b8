using System.Diagnostics;

namespace AutoBooking.Sandbox.Tests.Support;

/// <summary>Runs Node.js (the web app's toolchain needs it anyway) and fails loudly when it is missing.</summary>
public static class Node
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        Process node;
        try
        {
            node = Process.Start(new ProcessStartInfo("node", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException("node is not on the PATH: install Node.js 20+ (the web app needs it too), e.g. apt-get install nodejs.", missing);
        }
        using (node)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = node.StandardError.ReadToEndAsync(timeout.Token);
            await node.WaitForExitAsync(timeout.Token);
            return (node.ExitCode, await output, await errors);
        }
    }
}
