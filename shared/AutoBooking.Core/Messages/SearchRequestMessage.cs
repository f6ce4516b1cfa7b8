namespace AutoBooking.Core.Messages;

/// <summary>Queue <c>search-requests</c>: ids and metadata only, never offers or passenger data.</summary>
public sealed record SearchRequestMessage(Guid TripId, string CorrelationId);
