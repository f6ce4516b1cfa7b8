namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// What one claim batch of the sweep took: the distinct searches its due trips make (one message each, whatever
/// the number of trips sharing them) and the trips without a search yet (one message each, searched on their own).
/// <see cref="Full"/>: the batch found as many due trips as it asked for, so more may be due.
/// </summary>
public sealed record SweepClaim(int TripCount, IReadOnlyList<ClaimedSearch> Searches, IReadOnlyList<ClaimedTrip> Trips, bool Full = false);
