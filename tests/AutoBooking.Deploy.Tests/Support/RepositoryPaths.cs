namespace AutoBooking.Deploy.Tests.Support;

/// <summary>Files of the repository the tests read: found by walking up from the test binaries to the solution.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainTemplate => Path.Combine(Infra, "main.bicep");

    public static string SampleSettings => Path.Combine(Root, "local.settings.sample.json");

    public static IEnumerable<string> ParameterFiles =>
        Directory.EnumerateFiles(Path.Combine(Infra, "env"), "*.bicepparam").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoBooking.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No AutoBooking.sln above {AppContext.BaseDirectory}.");
    }
}
