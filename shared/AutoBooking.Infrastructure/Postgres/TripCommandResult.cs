namespace AutoBooking.Infrastructure.Postgres;

/// <summary>What a traveler's command on a trip (pause, resume, cancel) did.</summary>
public sealed record TripCommandResult(TripCommandOutcome Outcome, string? CurrentStatus, int? Version);

public enum TripCommandOutcome
{
    Changed,

    /// <summary>No such trip for this owner.</summary>
    NotFound,

    /// <summary>The trip's status does not allow this move (e.g. cancelling while booking).</summary>
    IllegalTransition,

    /// <summary>The caller's If-Match version is stale: someone changed the trip since they read it.</summary>
    VersionMismatch,

    /// <summary>The trip's travelers were anonymised (retention): it can be read, never resumed.</summary>
    PersonalDataErased,

    /// <summary>An erasure of the owner's personal data is under way: no trip of theirs may become active.</summary>
    ErasureInProgress,
}
