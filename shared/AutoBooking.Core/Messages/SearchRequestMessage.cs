namespace AutoBooking.Core.Messages;

/// <summary>
/// Queue <c>search-requests</c>: ids and metadata only, never offers or passenger data. <see cref="ClaimToken"/> is the
/// sweep's claim the check runs under; without one (the first search of a new or changed trip) the check runs only
/// when no live claim exists.
/// </summary>
public sealed record SearchRequestMessage(Guid TripId, string CorrelationId, Guid? ClaimToken = null);
