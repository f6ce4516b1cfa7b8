namespace AutoBooking.Core.Trips;

/// <summary>What the progress view shows: a coarser, traveller-facing reading of the status.</summary>
public static class TripStage
{
    /// <summary>
    /// <paramref name="awaitingPaymentConfirmation"/>: a booking waits for the traveller to confirm the card payment
    /// on-session (<c>confirm_payment</c>; the page reads <c>GET /api/trips/{id}/payment-action</c>).
    /// </summary>
    public static string For(TripStatus status, bool hasOffers, bool awaitingPaymentConfirmation = false) => status switch
    {
        TripStatus.Booking when awaitingPaymentConfirmation => "confirm_payment",
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
