using System.Diagnostics;

namespace AutoBooking.Infrastructure.Telemetry;

/// <summary>
/// The <c>AutoBooking</c> ActivitySource and the W3C trace context hand-over between stages. A stage that consumes
/// a message (or a saga activity its input) continues the producer's trace: its span's parent is the carried
/// <c>traceparent</c>, and the span of the invocation that delivered it (the Functions host's, when there is one)
/// is kept as a link. So one trip's story, HTTP call → queues → search → booking start → every saga activity,
/// is one trace.
/// </summary>
public static class AutoBookingTracing
{
    public const string SourceName = "AutoBooking";

    /// <summary>Span tag naming the trip a span works on (an id, never PII).</summary>
    public const string TripIdTag = "autobooking.trip_id";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The W3C <c>traceparent</c> of the current span, to carry in a message or saga input; null when not tracing.</summary>
    public static string? CurrentTraceParent =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Starts a span continuing <paramref name="traceParent"/> (or the current span when there is none or it is malformed).</summary>
    public static Activity? StartFrom(string name, ActivityKind kind, string? traceParent)
    {
        if (traceParent is null || !ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent))
        {
            return Source.StartActivity(name, kind);
        }
        var links = Activity.Current is { } delivering ? new[] { new ActivityLink(delivering.Context) } : null;
        return Source.StartActivity(name, kind, parent, links: links);
    }
}
