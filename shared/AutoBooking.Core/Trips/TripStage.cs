namespace AutoBooking.Core.Trips;

/// <summary>What the progress view shows: a coarser, traveller-facing reading of the status.</summary>
public static class TripStage
{
    public static string For(TripStatus status, bool hasOffers) => status switch
    {
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
