namespace AutoBooking.Core.Trips;

/// <summary>What the progress view shows: a coarser, traveler-facing reading of the status.</summary>
public static class TripStage
{
    /// <summary>
    /// <paramref name="awaitingPaymentConfirmation"/>: a booking waits for the traveler to confirm the card payment
    /// on-session (<c>confirm_payment</c>; the page reads <c>GET /api/trips/{id}/payment-action</c>).
    /// <paramref name="awaitingApproval"/>: approval mode, a fare was offered to the traveler and the booking waits for
    /// the answer (<c>approve_fare</c>; <c>POST /api/trips/{id}/approval</c>).
    /// </summary>
    public static string For(TripStatus status, bool hasOffers, bool awaitingPaymentConfirmation = false, bool awaitingApproval = false) => status switch
    {
        TripStatus.Booking when awaitingPaymentConfirmation => "confirm_payment",
        TripStatus.Booking when awaitingApproval => "approve_fare",
        TripStatus.Draft => "draft",
        TripStatus.Watching when hasOffers => "watching_prices",
        TripStatus.Watching => "searching",
        TripStatus.Paused => "paused",
        TripStatus.Booking => "booking",
        TripStatus.Booked => "booked",
        TripStatus.Failed => "needs_you",
        _ => "closed",
    };
}
