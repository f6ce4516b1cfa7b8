namespace AutoBooking.Core.Reconciliation;

/// <summary>What the flight provider says about an attempt's order.</summary>
public enum OrderState
{
    /// <summary>An order carrying the attempt's id exists and is not cancelled: a ticket was bought.</summary>
    Live,

    /// <summary>The order exists and is cancelled (or is a hold past its payment deadline): no ticket.</summary>
    Cancelled,

    /// <summary>An unpaid hold order still keeping the seats: no ticket, nothing paid to the airline; it must be cancelled.</summary>
    Held,

    /// <summary>
    /// Proven absent: no order was ever attempted (no hold was recorded), or the provider's whole order list was read,
    /// none carries the attempt's id, and the attempt has been quiet long enough for a pending creation to have settled.
    /// </summary>
    Absent,

    /// <summary>The provider could not be asked, or the order may still be being created: decide nothing.</summary>
    Unknown,
}
