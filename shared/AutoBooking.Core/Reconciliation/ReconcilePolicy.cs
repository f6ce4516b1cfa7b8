using AutoBooking.Core.Booking;
using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Reconciliation;

/// <summary>
/// Decides, from the providers' truth alone, how to settle an attempt the saga left unsettled (DESIGN §5): capture and
/// record only with a live order and a live hold; release only when no ticket exists; cancel the order when the money
/// cannot be taken; refund money taken without a ticket; anything unknown waits. Pure and table-tested.
/// </summary>
public static class ReconcilePolicy
{
    /// <summary>Stripe's PaymentIntent status in reconciliation's terms.</summary>
    public static HoldState HoldOf(string? paymentIntentStatus) => paymentIntentStatus switch
    {
        null => HoldState.None,
        "requires_capture" => HoldState.Held,
        "succeeded" => HoldState.Captured,
        "canceled" => HoldState.Released,
        "requires_payment_method" => HoldState.None,
        _ => HoldState.Pending,
    };

    public static ReconcilePlan Decide(ReconcileFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.BookingRecorded)
        {
            // The booking is stored, so the saga got to the end of its work; only the attempt's status lags behind.
            return ReconcilePlan.Book();
        }
        if (facts.Hold is HoldState.Unknown or HoldState.Pending || facts.Order == OrderState.Unknown)
        {
            return ReconcilePlan.Wait;
        }
        return facts.Order switch
        {
            OrderState.Live => DecideWithTicket(facts),
            OrderState.Held => DecideWithHeldFare(facts.Hold),
            _ => DecideWithoutTicket(facts.Hold),
        };
    }

    /// <summary>
    /// An unpaid hold the saga left behind: never paid here (that would buy a ticket nobody approved just now); the hold
    /// is cancelled (nothing to refund) and the money on the card released or returned.
    /// </summary>
    private static ReconcilePlan DecideWithHeldFare(HoldState hold) => hold switch
    {
        HoldState.Held => ReconcilePlan.NotBooked(ReconcileCodes.HoldNotPaid, TripStatus.Watching, ReconcileStep.CancelOrder, ReconcileStep.ReleaseHold),
        HoldState.Captured => ReconcilePlan.NotBooked(ReconcileCodes.HoldNotPaid, TripStatus.Watching, ReconcileStep.CancelOrder, ReconcileStep.Refund),
        _ => ReconcilePlan.NotBooked(ReconcileCodes.HoldNotPaid, TripStatus.Watching, ReconcileStep.CancelOrder),
    };

    private static ReconcilePlan DecideWithTicket(ReconcileFacts facts)
    {
        if (facts.TripBookedElsewhere)
        {
            // At most one booking per trip: this ticket goes back, and so does its money.
            return facts.Hold switch
            {
                HoldState.Held => ReconcilePlan.NotBooked(ReconcileCodes.DuplicateBooking, null, ReconcileStep.CancelOrder, ReconcileStep.ReleaseHold),
                HoldState.Captured => ReconcilePlan.NotBooked(ReconcileCodes.DuplicateBooking, null, ReconcileStep.CancelOrder, ReconcileStep.Refund),
                _ => ReconcilePlan.NotBooked(ReconcileCodes.DuplicateBooking, null, ReconcileStep.CancelOrder),
            };
        }
        return facts.Hold switch
        {
            HoldState.Held => ReconcilePlan.Book(ReconcileStep.Capture, ReconcileStep.RecordBooking),
            HoldState.Captured => ReconcilePlan.Book(ReconcileStep.RecordBooking),
            // No ticket without payment: the hold is gone (or never was), so the ticket must go too.
            _ => ReconcilePlan.NotBooked(ReconcileCodes.PaymentNotTaken, TripStatus.Failed, ReconcileStep.CancelOrder),
        };
    }

    private static ReconcilePlan DecideWithoutTicket(HoldState hold) => hold switch
    {
        HoldState.Held => ReconcilePlan.NotBooked(ReconcileCodes.OrderAbsent, TripStatus.Watching, ReconcileStep.ReleaseHold),
        // No charge without a ticket: money taken with nothing bought goes back.
        HoldState.Captured => ReconcilePlan.NotBooked(ReconcileCodes.OrderAbsent, TripStatus.Watching, ReconcileStep.Refund),
        _ => ReconcilePlan.NotBooked(ReconcileCodes.OrderAbsent, TripStatus.Watching),
    };

    /// <summary>
    /// Whether a hold this old must be escalated: an uncaptured authorization lapses at the card network's limit
    /// (Visa merchant-initiated: about 5 days), after which the money can no longer be taken for the ticket.
    /// </summary>
    public static bool HoldNeedsEscalation(HoldState hold, TimeSpan holdAge, TimeSpan threshold) =>
        hold == HoldState.Held && holdAge >= threshold;

    /// <summary>Statuses of attempts still in flight (the saga owns them while its orchestration runs).</summary>
    public static bool IsInFlight(AttemptStatus status) =>
        status is AttemptStatus.Started or AttemptStatus.AwaitingAuthentication or AttemptStatus.Authorized
            or AttemptStatus.Ordered or AttemptStatus.Captured;
}
