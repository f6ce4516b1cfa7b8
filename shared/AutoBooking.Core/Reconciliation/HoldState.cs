namespace AutoBooking.Core.Reconciliation;

/// <summary>What the card provider says about an attempt's money, reduced to what reconciliation can act on.</summary>
public enum HoldState
{
    /// <summary>No PaymentIntent, or one that never held money (requires_payment_method): nothing to release.</summary>
    None,

    /// <summary><c>requires_capture</c>: the money is held and can be captured or released.</summary>
    Held,

    /// <summary><c>succeeded</c>: the money was taken.</summary>
    Captured,

    /// <summary><c>canceled</c>: the hold was released.</summary>
    Released,

    /// <summary><c>processing</c>, <c>requires_action</c>, <c>requires_confirmation</c>: in motion; wait for it to settle.</summary>
    Pending,

    /// <summary>The card provider could not be asked (outage): decide nothing.</summary>
    Unknown,
}
