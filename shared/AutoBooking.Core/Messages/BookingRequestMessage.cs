namespace AutoBooking.Core.Messages;

/// <summary>Queue <c>booking-requests</c>: the trip and the offer (our id) that qualified.</summary>
public sealed record BookingRequestMessage(Guid TripId, Guid OfferId, string CorrelationId);
