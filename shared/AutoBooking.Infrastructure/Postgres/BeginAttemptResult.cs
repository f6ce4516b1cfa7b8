namespace AutoBooking.Infrastructure.Postgres;

/// <summary>What happened when a booking request tried to begin an attempt.</summary>
public sealed record BeginAttemptResult(BeginAttemptOutcome Outcome, AttemptRecord? Attempt, string? TripStatus);

public enum BeginAttemptOutcome
{
    /// <summary>A new attempt exists and the trip moved watching → booking.</summary>
    Started,

    /// <summary>An attempt is already in flight for this trip (a duplicate message, or a crash before scheduling).</summary>
    AlreadyActive,

    /// <summary>The trip is not watching (paused, cancelled, booked…): nothing to do.</summary>
    NotWatching,

    /// <summary>No such trip, or the offer is not this trip's.</summary>
    NotFound,
}
