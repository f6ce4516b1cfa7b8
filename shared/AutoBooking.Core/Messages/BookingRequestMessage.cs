namespace AutoBooking.Core.Messages;

/// <summary>Queue <c>booking-requests</c>: the trip and the offer (our id) that qualified, and the search's W3C trace context.</summary>
public sealed record BookingRequestMessage(
    Guid TripId, Guid OfferId, string CorrelationId,
    [property: System.Text.Json.Serialization.JsonPropertyName("traceparent")] string? TraceParent = null) : ITraceCarrier;
