namespace AutoBooking.Functions.Http;

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
    PaymentMethodDto? PaymentMethod);

public sealed record MoneyDto(decimal? Amount, string? Currency);

public sealed record TravelerDto(
    string? Title, string? GivenName, string? FamilyName, DateOnly? BornOn, string? Gender, string? Email, string? Phone,
    IdentityDocumentDto? Document = null);

/// <summary>An optional identity document (some airlines and routes need it).</summary>
public sealed record IdentityDocumentDto(string? Type, string? Number, string? IssuingCountry, DateOnly? ExpiresOn);

/// <summary>
/// The saved Stripe card to charge. Until saved payment methods exist (issue 3) the frontend passes the
/// Stripe customer and payment method ids it got from a SetupIntent.
/// </summary>
public sealed record PaymentMethodDto(string? StripeCustomerId, string? StripePaymentMethodId);
