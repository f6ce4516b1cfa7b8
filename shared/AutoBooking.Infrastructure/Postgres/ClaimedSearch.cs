namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A search the sweep claimed for its due trips; <see cref="TripId"/> is one of them (named on the message for tracing).</summary>
public sealed record ClaimedSearch(string Key, Guid ClaimToken, Guid TripId);
