namespace AutoBooking.Infrastructure.Postgres;

/// <summary>How a create under an owner limit and an optional idempotency key ended.</summary>
public enum CreateStatus
{
    /// <summary>The resource was stored (and the key, if any, claimed for it).</summary>
    Created,

    /// <summary>The owner is at the limit; nothing was stored, the key stays free.</summary>
    LimitReached,

    /// <summary>The key was used before with the same request: <see cref="CreateOutcome.Id"/> is what that request made.</summary>
    Replayed,

    /// <summary>The key was used before with another request; nothing was stored.</summary>
    KeyReused,

    /// <summary>An erasure of the owner's personal data is under way; nothing was stored (the key stays free).</summary>
    ErasureInProgress,

    /// <summary>A saved profile or card the request named was erased or deleted before the create took the owner's lock.</summary>
    SavedSelectionGone,
}
