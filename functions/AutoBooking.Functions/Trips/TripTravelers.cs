using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;

namespace AutoBooking.Functions.Trips;

/// <summary>Everyone flying on a trip, decrypted: the lead traveler first, then the companions in the order they were given.</summary>
public static class TripTravelers
{
    public static IReadOnlyList<Traveler> Unprotect(PiiProtector pii, TripRecord trip)
    {
        ArgumentNullException.ThrowIfNull(pii);
        ArgumentNullException.ThrowIfNull(trip);
        var lead = pii.Unprotect<Traveler>(trip.TravelerProtected);
        var companions = trip.CompanionsProtected is null ? [] : pii.Unprotect<List<Traveler>>(trip.CompanionsProtected);
        return [lead, .. companions];
    }
}
