namespace AutoBooking.Functions.Reconciliation;

/// <summary>How an operator action ended, for the HTTP adapter to map.</summary>
public enum OperatorOutcome
{
    Done,
    NotFound,

    /// <summary>Another reconciler pass or operator holds the attempt right now.</summary>
    Busy,

    /// <summary>The facts do not allow it (the reason says which); nothing was changed.</summary>
    Conflict,

    /// <summary>A provider the action depends on could not be asked; nothing was changed.</summary>
    ProviderUnavailable,
}
