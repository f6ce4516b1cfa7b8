namespace AutoBooking.Core.Reconciliation;

/// <summary>One provider or database side effect of a reconciliation plan, run in the plan's order.</summary>
public enum ReconcileStep
{
    /// <summary>Capture the held money (only ever planned with a live order).</summary>
    Capture,

    /// <summary>Record the live, paid order as the trip's booking.</summary>
    RecordBooking,

    /// <summary>Cancel the live order (the money cannot be taken, or the trip is booked by another attempt).</summary>
    CancelOrder,

    /// <summary>Release the hold on the card.</summary>
    ReleaseHold,

    /// <summary>Refund money that was captured without a ticket to show for it.</summary>
    Refund,
}
