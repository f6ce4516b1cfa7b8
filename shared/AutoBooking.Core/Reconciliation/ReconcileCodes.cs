namespace AutoBooking.Core.Reconciliation;

/// <summary>Failure codes the reconciler records (next to <see cref="Booking.FailureCodes"/>, which the saga records).</summary>
public static class ReconcileCodes
{
    /// <summary>The saga's orchestration ended, vanished or ran far too long with the attempt still in flight.</summary>
    public const string OrchestrationLost = "orchestration_lost";

    /// <summary>No order exists for the attempt (proven), so nothing was bought.</summary>
    public const string OrderAbsent = "order_absent";

    /// <summary>A ticket was bought but the money cannot be taken (hold gone or never there): the order was cancelled.</summary>
    public const string PaymentNotTaken = "payment_not_taken";

    /// <summary>The trip was already booked by another attempt: this attempt's order was cancelled and its money returned.</summary>
    public const string DuplicateBooking = "duplicate_booking";

    /// <summary>The attempt's fare was held (a hold order) but never paid: the hold was cancelled and any money on the card released.</summary>
    public const string HoldNotPaid = "hold_not_paid";
}
