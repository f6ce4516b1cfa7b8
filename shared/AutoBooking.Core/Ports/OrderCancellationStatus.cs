namespace AutoBooking.Core.Ports;

/// <summary>How an order cancellation ended.</summary>
public enum OrderCancellationStatus
{
    /// <summary>The provider confirmed the cancellation; the refund (if any) goes back to our balance.</summary>
    Cancelled,

    /// <summary>The order was cancelled before (by us, by support or by the airline): nothing left to do.</summary>
    AlreadyCancelled,

    /// <summary>The airline refuses to cancel (e.g. flown, or the fare forbids it). Needs a person.</summary>
    NotCancellable,

    /// <summary>The provider does not know the order.</summary>
    NotFound,

    /// <summary>Timeout or 5xx while confirming: the order may or may not be cancelled. Look it up; never re-confirm blindly.</summary>
    Ambiguous,
}
