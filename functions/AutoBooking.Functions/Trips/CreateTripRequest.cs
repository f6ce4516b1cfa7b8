namespace AutoBooking.Functions.Trips;

/// <summary>
/// Body of <c>POST /api/trips</c>. Every member is nullable so that a missing field is reported by the
/// validator by name rather than as a JSON error. Server-owned fields (status, owner, ids) do not exist
/// here and unknown members are refused.
/// </summary>
public sealed record CreateTripRequest(
    string? Origin,
    string? Destination,
    DateOnly? DepartureDate,
    string? Cabin,
    int? MaxConnections,
    MoneyDto? MaxPrice,
    TravelerDto? Traveler,
    PaymentMethodDto? PaymentMethod,
    Guid? TravelerId = null,
    Guid? PaymentMethodId = null,
    ConsentDto? AutoBookConsent = null,
    IReadOnlyList<string>? IncludedAirlines = null,
    IReadOnlyList<string>? ExcludedAirlines = null,
    int? MaxDurationMinutes = null,
    int? CheckedBags = null,
    DateTimeOffset? ExpiresAt = null,
    bool? ApprovalRequired = null,
    IReadOnlyList<string>? AdditionalOrigins = null,
    IReadOnlyList<string>? AdditionalDestinations = null,
    DateOnly? LatestDepartureDate = null,
    ReturnStayDto? ReturnStay = null,
    IReadOnlyList<TravelerDto>? Companions = null,
    IReadOnlyList<Guid>? CompanionIds = null,
    IReadOnlyList<string>? PreferredAirlines = null,
    FareConditionsDto? FareConditions = null);

/// <summary>
/// The fare conditions a trip requires: <c>refundable</c> and/or <c>changeable</c> before departure, each <c>{}</c> (any
/// penalty) or <c>{"maxPenalty": 0}</c> (at most that much, in the trip's currency); absent or null: not required.
/// </summary>
public sealed record FareConditionsDto(FareConditionDto? Refundable = null, FareConditionDto? Changeable = null);

/// <summary>One required fare condition, optionally with the most the traveler will pay to use it.</summary>
public sealed record FareConditionDto(decimal? MaxPenalty = null);

/// <summary>A return trip's stay: between minNights and maxNights nights at the destination.</summary>
public sealed record ReturnStayDto(int? MinNights, int? MaxNights);

/// <summary>The traveler's consent to be charged off-session when an offer qualifies, for these terms.</summary>
public sealed record ConsentDto(string? TermsVersion);

/// <summary>
/// Saved travelers and card looked up for the caller before validation (null when not given or not theirs);
/// <see cref="Companions"/> has one entry per <c>companionIds</c> entry.
/// </summary>
public sealed record SavedSelections(Core.Trips.Traveler? Traveler, SavedCard? Card, IReadOnlyList<Core.Trips.Traveler?>? Companions = null)
{
    public static SavedSelections None { get; } = new(null, null);
}

/// <summary>The Stripe ids behind one of the caller's saved cards.</summary>
public sealed record SavedCard(string StripeCustomerId, string StripePaymentMethodId);

public sealed record MoneyDto(decimal? Amount, string? Currency);

public sealed record TravelerDto(
    string? Title, string? GivenName, string? FamilyName, DateOnly? BornOn, string? Gender, string? Email, string? Phone,
    IdentityDocumentDto? Document = null);

/// <summary>An optional identity document (some airlines and routes need it).</summary>
public sealed record IdentityDocumentDto(string? Type, string? Number, string? IssuingCountry, DateOnly? ExpiresOn);

/// <summary>
/// A Stripe card given by its Stripe ids (for cards saved outside our payment-method flow). Prefer
/// <c>paymentMethodId</c>, one of the caller's saved cards.
/// </summary>
public sealed record PaymentMethodDto(string? StripeCustomerId, string? StripePaymentMethodId);
