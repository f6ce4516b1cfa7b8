namespace AutoBooking.Sandbox.Duffel;

/// <summary>Whether an offer can still be fetched and booked.</summary>
internal enum OfferAvailability
{
    Available,
    NotFound,
    Expired,
    Gone,
}
