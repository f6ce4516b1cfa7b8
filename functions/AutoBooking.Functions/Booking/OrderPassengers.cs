using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Pairs the trip's travelers (lead first, then companions, the order they were searched in) with the offer's
/// passenger ids, and seats each infant on an adult's lap: the first infant with the first adult, and so on
/// (validation guarantees there are never more infants than adults). Each passenger carries their identity document
/// when the offer takes that document (<see cref="DocumentCheck.Accepts"/>), and none when the offer takes none.
/// </summary>
public static class OrderPassengers
{
    public static IReadOnlyList<OrderPassenger> Assign(IReadOnlyList<Traveler> travelers, IReadOnlyList<string> passengerIds, IReadOnlyList<string> passengerTypes) =>
        Assign(travelers, passengerIds, passengerTypes, OfferTerms.Unknown);

    public static IReadOnlyList<OrderPassenger> Assign(
        IReadOnlyList<Traveler> travelers, IReadOnlyList<string> passengerIds, IReadOnlyList<string> passengerTypes, OfferTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(travelers);
        ArgumentNullException.ThrowIfNull(passengerIds);
        ArgumentNullException.ThrowIfNull(passengerTypes);
        if (passengerIds.Count != travelers.Count)
        {
            throw new InvalidOperationException($"The offer has {passengerIds.Count} passenger(s) but the trip {travelers.Count} traveler(s).");
        }
        // Offers stored before passenger types were recorded were all single-adult searches.
        var types = passengerTypes.Count == passengerIds.Count ? passengerTypes : [.. passengerIds.Select(_ => "adult")];
        var infants = new Queue<string>(passengerIds.Where((_, i) => types[i] == "infant_without_seat"));
        var passengers = new List<OrderPassenger>(travelers.Count);
        for (var i = 0; i < travelers.Count; i++)
        {
            var traveler = travelers[i];
            passengers.Add(new OrderPassenger(passengerIds[i], traveler.Title, traveler.GivenName, traveler.FamilyName, traveler.BornOn,
                traveler.Gender, traveler.Email, traveler.Phone)
            {
                InfantPassengerId = types[i] == "adult" && infants.TryDequeue(out var infant) ? infant : null,
                Document = DocumentCheck.Accepts(terms, traveler.DocumentFacts) ? traveler.Document : null,
            });
        }
        if (infants.Count > 0)
        {
            throw new InvalidOperationException("The offer has more infants than adults to hold them.");
        }
        return passengers;
    }
}
