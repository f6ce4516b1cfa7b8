using AutoBooking.Core.Trips;
using AutoBooking.Functions.Trips;

namespace AutoBooking.Functions.Account;

/// <summary>
/// <c>GET /api/me/export</c>: everything AutoBooking holds about the caller, travelers decrypted (this is their
/// own data, so identity documents are shown in full). Card data is Stripe's: we hold only the summary.
/// </summary>
public sealed record PersonalDataExportResponse(
    string UserId, DateTimeOffset ExportedAt, string? StripeCustomerId, IReadOnlyList<ExportedTripResponse> Trips,
    IReadOnlyList<ExportedTravelerResponse> SavedTravelers, IReadOnlyList<PaymentMethodResponse> PaymentMethods);

/// <summary>One trip with its criteria, who flies, its audit trail, price history, offers seen, booking attempts and booking.</summary>
public sealed record ExportedTripResponse(
    Guid Id, string Status, ExportedCriteriaResponse Criteria, IReadOnlyList<Traveler> Travelers, DateTimeOffset? PiiErasedAt,
    string StripeCustomerId, string StripePaymentMethodId, string? AutoBookConsentTerms, DateTimeOffset? AutoBookConsentAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<TripEventResponse> Events,
    IReadOnlyList<PriceObservationResponse> Prices, IReadOnlyList<ExportedOfferResponse> Offers,
    IReadOnlyList<ExportedAttemptResponse> BookingAttempts, BookingResponse? Booking);

/// <summary>What the traveler asked us to watch for.</summary>
public sealed record ExportedCriteriaResponse(
    IReadOnlyList<string> Origins, IReadOnlyList<string> Destinations, DateOnly DepartureDate, DateOnly? LatestDepartureDate,
    int? ReturnMinNights, int? ReturnMaxNights, string Cabin, int MaxConnections, int? MaxDurationMinutes, int CheckedBags,
    IReadOnlyList<string> IncludedAirlines, IReadOnlyList<string> ExcludedAirlines, IReadOnlyList<string> PreferredAirlines,
    MoneyResponse MaxPrice, bool ApprovalRequired, DateTimeOffset? ExpiresAt);

/// <summary>An offer we stored for the trip (the provider's raw payload stays with support, for a limited time).</summary>
public sealed record ExportedOfferResponse(
    Guid Id, string ProviderOfferId, MoneyResponse Total, DateTimeOffset ExpiresAt, int MaxStops, int DurationMinutes, IReadOnlyList<string> Carriers);

/// <summary>One run of the booking saga: what was attempted, with which provider references, and how it ended.</summary>
public sealed record ExportedAttemptResponse(
    Guid Id, int AttemptNo, string Status, MoneyResponse Amount, string? PaymentIntentId, string? ProviderOrderId, string? FailureCode);

/// <summary>A saved passenger profile, decrypted.</summary>
public sealed record ExportedTravelerResponse(Guid Id, Traveler Traveler, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
