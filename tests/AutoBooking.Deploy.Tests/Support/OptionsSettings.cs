using System.Collections;
using System.Reflection;
using AutoBooking.Infrastructure.Options;

namespace AutoBooking.Deploy.Tests.Support;

/// <summary>The app settings the app binds: <c>Section__Property</c> of every options class (a type with a SectionName constant).</summary>
public static class OptionsSettings
{
    /// <summary>Every bindable setting; a dictionary property is one name (its entries are <c>Name__&lt;key&gt;</c>).</summary>
    public static IEnumerable<string> Names() =>
        Sections().SelectMany(x => x.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite || typeof(IDictionary).IsAssignableFrom(p.PropertyType))
                .Select(p => $"{x.Section}__{p.Name}"))
            .Order(StringComparer.Ordinal);

    /// <summary>The settings' sections, in app-setting form (<c>Monitor</c>, <c>Pii</c>).</summary>
    public static IEnumerable<(Type Type, string Section)> Sections() =>
        new[] { typeof(PostgresOptions).Assembly, typeof(AuthOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(x => x.Section is not null)
            .Select(x => (x.Type, x.Section!.Replace(":", "__", StringComparison.Ordinal)));
}
