using System.Text.RegularExpressions;
using AutoBooking.Deploy.Tests.Support;

namespace AutoBooking.Deploy.Tests;

/// <summary>
/// The README's configuration table ("## Configuration") lists every setting the options classes bind, and no row names
/// a setting of their sections that none of them binds.
/// </summary>
public sealed partial class ReadmeConfigurationTests
{
    [Fact]
    public void ConfigurationTable_ListsEveryOptionsSetting()
    {
        var rows = TableSettings();

        // A dictionary property is documented by its entries' pattern: Pii__Keys__<version>.
        var missing = OptionsSettings.Names().Where(name => !rows.Any(row => row == name || row.StartsWith(name + "__", StringComparison.Ordinal))).ToList();

        Assert.True(missing.Count == 0, "Missing from the README's configuration table: " + string.Join(", ", missing));
    }

    [Fact]
    public void ConfigurationTable_NamesOnlySettingsTheOptionsBind()
    {
        var names = OptionsSettings.Names().ToList();
        var sections = OptionsSettings.Sections().Select(s => s.Section).ToHashSet(StringComparer.Ordinal);

        var unknown = TableSettings()
            .Where(row => row.IndexOf("__", StringComparison.Ordinal) is var cut and > 0 && sections.Contains(row[..cut]))
            .Where(row => !names.Any(name => row == name || row.StartsWith(name + "__", StringComparison.Ordinal)))
            .ToList();

        Assert.True(unknown.Count == 0, "In the README's configuration table but bound by no options class: " + string.Join(", ", unknown));
    }

    /// <summary>The first column of each row of the table under "## Configuration".</summary>
    private static List<string> TableSettings()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("\n## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no \"## Configuration\" section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        var rows = Row().Matches(section).Select(m => m.Groups["name"].Value).ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    [GeneratedRegex(@"^\| `(?<name>[^`]+)`", RegexOptions.Multiline)]
    private static partial Regex Row();
}
