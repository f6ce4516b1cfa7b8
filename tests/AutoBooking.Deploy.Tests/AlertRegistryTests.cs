using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoBooking.Deploy.Tests.Support;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Deploy.Tests;

/// <summary>
/// One list of alerts (<see cref="Alerts"/>): ids, names and messages are unique and no log line can be mistaken for
/// another's alert; each alert is logged by exactly one <c>[LoggerMessage]</c> with its id, level and message, and any
/// log line with an event id or an "ALERT" message is in the list; infra/modules/alerts.bicep has one rule per alert
/// (its name, severity and query) and no rule on a message outside the list; the README runbook names every alert.
/// </summary>
public sealed partial class AlertRegistryTests
{
    private static readonly IReadOnlyList<(MethodInfo Method, LoggerMessageAttribute Log)> LogLines =
        [.. new[] { typeof(Alerts).Assembly, typeof(BookingTasks).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Log: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Log is not null)
            .Select(x => (x.Method, x.Log!))];

    [Fact]
    public void Alerts_IdsNamesAndMessages_AreUnique()
    {
        Assert.NotEmpty(Alerts.All);
        Assert.Equal(Alerts.All.Count, Alerts.All.Select(a => a.Id).Distinct().Count());
        Assert.Equal(Alerts.All.Count, Alerts.All.Select(a => a.Name).Distinct().Count());
        Assert.Equal(Alerts.All.Count, Alerts.All.Select(a => a.Message).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(Alerts.All, a => Assert.Matches(RuleName(), a.Name));
        Assert.All(Alerts.All, a => Assert.InRange(a.Severity, 0, 4));
    }

    [Fact]
    public void Alerts_NoLogLineStartsLikeAnotherAlert()
    {
        // A rule matches the start of its alert's message: no other alert, and no other log line of the app, may start
        // the same way (a line starting with a placeholder renders an id or a provider name first, never an alert's text).
        foreach (var alert in Alerts.All)
        {
            foreach (var (method, log) in LogLines.Where(l => l.Log.Message != alert.Message))
            {
                var prefix = new AlertDefinition(0, "x", LogLevel.None, 0, log.Message).Prefix;
                Assert.False(prefix.Length > 0 && (prefix.StartsWith(alert.Prefix, StringComparison.OrdinalIgnoreCase)
                        || alert.Prefix.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)),
                    $"{method.DeclaringType?.Name}.{method.Name} (\"{log.Message}\") could match alert {alert.Name} (\"{alert.Prefix}\").");
            }
        }
    }

    [Fact]
    public void LogLines_EachAlertIsLoggedOnce_WithItsIdLevelAndMessage()
    {
        foreach (var alert in Alerts.All)
        {
            var (method, log) = Assert.Single(LogLines, l => l.Log.EventId == alert.Id);
            Assert.True(alert.Message == log.Message, $"{method.Name}: \"{log.Message}\" is not alert {alert.Name}'s message.");
            Assert.Equal(alert.Level, log.Level);
        }
    }

    [Fact]
    public void LogLines_WithAnEventIdOrAnAlertMessage_AreListedAlerts()
    {
        var listed = Alerts.All.Select(a => a.Id).ToHashSet();
        foreach (var (method, log) in LogLines.Where(l => l.Log.EventId >= 0 || l.Log.Message.StartsWith("ALERT", StringComparison.Ordinal)))
        {
            Assert.True(listed.Contains(log.EventId), $"{method.DeclaringType?.Name}.{method.Name} (event {log.EventId}, \"{log.Message}\") is not in Alerts.");
        }
    }

    [Fact]
    public async Task AlertRules_AreOnePerListedAlert_WithItsSeverityAndQuery()
    {
        var compiled = await CompiledTemplate.GetAsync();
        var rules = Find(compiled.Json, "logAlerts") as JsonArray ?? throw new InvalidOperationException("No logAlerts in the compiled template.");
        var byMessage = rules.OfType<JsonObject>().Where(r => ((string?)r["query"] ?? "").Contains("message", StringComparison.Ordinal)).ToList();
        var catchAll = rules.OfType<JsonObject>().Except(byMessage).ToList();

        Assert.Equal(Alerts.All.Select(a => a.Name).Order(StringComparer.Ordinal), byMessage.Select(r => (string?)r["name"]).Order(StringComparer.Ordinal));
        foreach (var alert in Alerts.All)
        {
            var rule = byMessage.Single(r => (string?)r["name"] == alert.Name);
            Assert.Equal(alert.Severity, (int?)rule["severity"]);
            Assert.Equal(alert.LogQuery, (string?)rule["query"]);
            Assert.Contains($"event {alert.Id}", (string?)rule["description"], StringComparison.Ordinal);
        }
        // The rest catch logs by level alone, whatever their message.
        Assert.All(catchAll, r => Assert.Matches(@"\Atraces \| where severityLevel >= [0-4]\z", (string?)r["query"]));
    }

    [Fact]
    public void Runbook_NamesEveryAlert_WithItsEventId()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("\n## Runbook", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no \"## Runbook\" section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var runbook = end < 0 ? readme[start..] : readme[start..end];

        foreach (var alert in Alerts.All)
        {
            Assert.True(runbook.Contains($"`{alert.Name}`", StringComparison.Ordinal), $"The runbook does not name alert `{alert.Name}`.");
            Assert.True(Regex.IsMatch(runbook, $@"\b{alert.Id}\b"), $"The runbook does not give alert {alert.Name}'s event id {alert.Id}.");
        }
    }

    private static JsonNode? Find(JsonNode? node, string key)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue(key, out var value))
                {
                    return value;
                }
                return obj.Select(p => Find(p.Value, key)).FirstOrDefault(found => found is not null);
            case JsonArray array:
                return array.Select(child => Find(child, key)).FirstOrDefault(found => found is not null);
            default:
                return null;
        }
    }

    [GeneratedRegex(@"\A[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex RuleName();
}
