namespace AutoBooking.Core.Messages;

/// <summary>
/// Queue <c>search-requests</c>: ids and metadata only, never offers or passenger data. With a
/// <see cref="SearchKey"/> the message is a search the sweep claimed for all its due trips (<see cref="TripId"/> is
/// one of them, for tracing); without, it is one trip's check. <see cref="ClaimToken"/> is the sweep's claim the
/// work runs under; without one (the first search of a new trip) the check runs only when no live claim exists.
/// <see cref="TraceParent"/>: the W3C trace context of the sweep or request that sent it.
/// </summary>
public sealed record SearchRequestMessage(
    Guid TripId, string CorrelationId, Guid? ClaimToken = null, string? SearchKey = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("traceparent")] string? TraceParent = null) : ITraceCarrier;
