using System.Reflection;

namespace AutoBooking.HostTests.Support;

/// <summary>
/// Where the built worker is: functions/AutoBooking.Functions/bin/&lt;Configuration&gt;/net10.0 of this repository,
/// built in the same configuration as this test assembly (infra/test.sh builds the solution in Release, then runs
/// the tests with --no-build). The project reference (ReferenceOutputAssembly=false) makes the build produce it.
/// </summary>
public static class WorkerLocation
{
    public const string AssemblyName = "AutoBooking.Functions.dll";

    public static string Configuration { get; } = typeof(WorkerLocation).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "WorkerConfiguration").Value!;

    /// <summary>The worker's output folder; fails with how to build it when the worker has not been built.</summary>
    public static string OutputDirectory()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(root, "functions", "AutoBooking.Functions", "bin", Configuration, "net10.0");
        foreach (var required in new[] { AssemblyName, "functions.metadata", "host.json" })
        {
            if (!File.Exists(Path.Combine(output, required)))
            {
                throw new InvalidOperationException(
                    $"The built worker is missing: {Path.Combine(output, required)} does not exist. Build it first: " +
                    $"dotnet build functions/AutoBooking.Functions -c {Configuration} (or build AutoBooking.sln).");
            }
        }
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoBooking.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No AutoBooking.sln above {AppContext.BaseDirectory}: cannot find the worker's build output.");
    }
}
