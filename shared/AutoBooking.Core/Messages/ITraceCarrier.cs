namespace AutoBooking.Core.Messages;

/// <summary>
/// A message or saga input that carries the W3C trace context (<c>traceparent</c>) of the work that produced it, so
/// the stage or activity that consumes it continues the same trace across a queue or the Durable engine. Optional:
/// null when nothing was being traced.
/// </summary>
public interface ITraceCarrier
{
    string? TraceParent { get; }
}
