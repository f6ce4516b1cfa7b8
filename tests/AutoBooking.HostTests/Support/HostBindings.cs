using System.Globalization;
using System.Text.Json;
using AutoBooking.HostTests.Rpc;
using Azure.Storage.Queues.Models;

namespace AutoBooking.HostTests.Support;

/// <summary>
/// Binding data shaped the way the host's extensions hand it to a worker: a queue message as the trigger value plus
/// the queue trigger's metadata, a timer's <c>TimerInfo</c> as JSON.
/// </summary>
public static class HostBindings
{
    /// <summary>One raw binding (JSON) as the worker reports it or as <c>functions.metadata</c> lists it.</summary>
    public static BindingShape Parse(string rawBinding)
    {
        using var json = JsonDocument.Parse(rawBinding);
        return Shape(json.RootElement);
    }

    public static BindingShape Shape(JsonElement binding)
    {
        var name = binding.GetProperty("name").GetString()!;
        var type = binding.GetProperty("type").GetString()!;
        var direction = binding.TryGetProperty("direction", out var d) ? d.GetString()! : "In";
        return new BindingShape(name, type, direction.ToUpperInvariant());
    }

    /// <summary>The queue trigger's value (the message text) and metadata, as received from the queue.</summary>
    public static (TypedData Trigger, Dictionary<string, TypedData> Metadata) QueueMessage(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Body.ToString();
        var metadata = new Dictionary<string, TypedData>
        {
            ["QueueTrigger"] = new() { String = text },
            ["Id"] = new() { String = message.MessageId },
            ["PopReceipt"] = new() { String = message.PopReceipt },
            ["DequeueCount"] = new() { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) },
            ["InsertionTime"] = Json(message.InsertedOn),
            ["ExpirationTime"] = Json(message.ExpiresOn),
            ["NextVisibleTime"] = Json(message.NextVisibleOn),
            ["sys"] = Sys("SearchTripFunction"),
        };
        return (new TypedData { String = text }, metadata);
    }

    /// <summary>A timer firing on schedule: the TimerInfo the host's timer extension sends (its JSON shape).</summary>
    public static TypedData TimerInfo(DateTimeOffset now, bool isPastDue = false) => new()
    {
        Json = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = now.AddMinutes(-10), Next = now.AddMinutes(10), LastUpdated = now.AddMinutes(-10) },
            IsPastDue = isPastDue,
        }),
    };

    /// <summary>The <c>sys</c> metadata every trigger carries.</summary>
    public static TypedData Sys(string methodName) => new()
    {
        Json = JsonSerializer.Serialize(new { MethodName = methodName, UtcNow = DateTimeOffset.UtcNow, RandGuid = Guid.NewGuid() }),
    };

    private static TypedData Json(DateTimeOffset? value) => new() { Json = JsonSerializer.Serialize(value) };
}
