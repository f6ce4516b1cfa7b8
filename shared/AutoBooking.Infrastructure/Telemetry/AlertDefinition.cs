using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Infrastructure.Telemetry;

/// <summary>
/// One alert of <see cref="Alerts"/>: the log line's event id, level and message template, and the Azure alert rule
/// (infra/modules/alerts.bicep) that watches for it, by <see cref="Name"/>, with <see cref="Severity"/> and
/// <see cref="LogQuery"/>.
/// </summary>
public sealed record AlertDefinition(int Id, string Name, LogLevel Level, int Severity, string Message)
{
    /// <summary>
    /// The message's fixed text up to its first placeholder: every rendered line of this alert starts with it, and no
    /// other log line of the app can (a test checks), so the alert rule matches on it.
    /// </summary>
    public string Prefix => Message.IndexOf('{', StringComparison.Ordinal) is var brace and >= 0 ? Message[..brace] : Message;

    /// <summary>The alert rule's query over Application Insights traces (which keep the rendered message).</summary>
    public string LogQuery => $"traces | where message startswith \"{Prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>Reads one nested class of <see cref="Alerts"/> (its constants).</summary>
    internal static AlertDefinition Of(Type alert) => new(
        Constant<int>(alert, nameof(Id)), Constant<string>(alert, nameof(Name)), Constant<LogLevel>(alert, nameof(Level)),
        Constant<int>(alert, nameof(Severity)), Constant<string>(alert, nameof(Message)));

    private static T Constant<T>(Type alert, string name) =>
        alert.GetField(name, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is { } value
            ? (T)(typeof(T).IsEnum ? Enum.ToObject(typeof(T), value) : value)
            : throw new InvalidOperationException($"Alert {alert.Name} has no constant {name}.");
}
