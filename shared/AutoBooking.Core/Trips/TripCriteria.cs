namespace AutoBooking.Core.Trips;

/// <summary>What a trip searches for and the most it may cost: the part a traveler may change while watching.</summary>
public sealed record TripCriteria(
    string Origin, string Destination, DateOnly DepartureDate, string Cabin, int MaxConnections, Money.Money MaxTotal,
    Offers.OfferFilters Filters,
    RouteAlternatives Route);
