namespace AutoBooking.Functions.Trips;

/// <summary>
/// A trip as the frontend sees it: criteria, status, the progress stage and the booking if any. No PII. Once the
/// travelers' personal data was removed (<see cref="PersonalDataRemovedAt"/>, the retention policy), <see cref="Passengers"/>
/// is null: the counts came from their birth dates. <see cref="TravelDocuments"/>: whether the travelers have the
/// passports international offers will need (null once personal data was removed). <see cref="FareConditions"/>: the
/// refund and change conditions the trip requires (null: none). <see cref="FareHold"/>: the fare held while the traveler
/// decides, if any.
/// </summary>
public sealed record TripResponse(
    Guid Id,
    string Status,
    string Stage,
    string Origin,
    string Destination,
    IReadOnlyList<string> AdditionalOrigins,
    IReadOnlyList<string> AdditionalDestinations,
    DateOnly DepartureDate,
    DateOnly LatestDepartureDate,
    ReturnStayResponse? ReturnStay,
    PassengersResponse? Passengers,
    string Cabin,
    int MaxConnections,
    MoneyResponse MaxPrice,
    IReadOnlyList<string> IncludedAirlines,
    IReadOnlyList<string> ExcludedAirlines,
    IReadOnlyList<string> PreferredAirlines,
    int? MaxDurationMinutes,
    int CheckedBags,
    DateTimeOffset? ExpiresAt,
    bool ApprovalRequired,
    DateTimeOffset? NextCheckAt,
    DateTimeOffset CreatedAt,
    int Version,
    MoneyResponse? BestPriceSoFar,
    LatestSearchResponse? LatestSearch,
    BookingResponse? Booking,
    DateTimeOffset? PersonalDataRemovedAt = null,
    TravelDocumentsResponse? TravelDocuments = null,
    FareConditionsDto? FareConditions = null,
    FareHoldResponse? FareHold = null);

/// <summary>
/// A fare held for the traveler while they decide (approval mode, offers that can be held): the seats are kept until
/// <see cref="HeldUntil"/> with nothing charged; the price is guaranteed until <see cref="PriceGuaranteedUntil"/>
/// (<see cref="PriceGuaranteed"/> false once that passed, or when the airline gives no guarantee: the price is checked
/// again when paying, and a price above the limit is not bought).
/// </summary>
public sealed record FareHoldResponse(DateTimeOffset HeldUntil, DateTimeOffset? PriceGuaranteedUntil, bool PriceGuaranteed, MoneyResponse Price);

/// <summary>
/// The trip's travelers' passports, counted (never shown): how many fly, how many have a passport on file, how many
/// passports expire before the trip's last possible flight day, and, when any is missing, the warning to show. Many
/// airlines require a passport for every traveler on international routes; their offers are not booked without one.
/// <see cref="Travellers"/> keeps the spelling the API first returned.
/// </summary>
public sealed record TravelDocumentsResponse(int Travellers, int WithPassport, int ExpiringBeforeTrip, string? Warning);

/// <summary>A trip in a list: enough to show a row and link to it.</summary>
public sealed record TripSummaryResponse(
    Guid Id, string Status, string Origin, string Destination, DateOnly DepartureDate, MoneyResponse MaxPrice, DateTimeOffset CreatedAt);

/// <summary>A return trip's stay range in nights (null on a one-way trip).</summary>
public sealed record ReturnStayResponse(int MinNights, int MaxNights);

/// <summary>Who flies, by age on the first possible departure date (no names: those stay encrypted).</summary>
public sealed record PassengersResponse(int Adults, int Children, int Infants);

public sealed record MoneyResponse(decimal Amount, string Currency);

/// <summary>A booking; <see cref="Fare"/>: the booked fare's conditions, bags and documents, where known (the trip view).</summary>
public sealed record BookingResponse(
    Guid Id, Guid TripId, string BookingReference, IReadOnlyList<string> TicketNumbers, MoneyResponse AmountPaid, string Status, DateTimeOffset BookedAt,
    Core.Offers.OfferFacts? Fare = null, IReadOnlyList<Core.Ports.FlightSegment>? Itinerary = null);
