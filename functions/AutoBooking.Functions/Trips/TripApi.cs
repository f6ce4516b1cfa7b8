using AutoBooking.Infrastructure.Telemetry;
using System.Text.Json;
using AutoBooking.Core.Messages;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Trips;
using AutoBooking.Functions.Api;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.Infrastructure.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Trips;

/// <summary>What the trip and booking endpoints do, behind the HTTP adapters. Every read and write is owner-scoped.</summary>
public sealed partial class TripApi(
    TripRepository trips, BookingRepository bookings, TripQueries queries, TravelerRepository travelers, PaymentMethodRepository paymentMethods, StageQueues queues,
    PiiProtector pii, IOptions<ApiOptions> apiOptions, TimeProvider clock, ILogger<TripApi> logger)
{
    /// <summary>Looks up the saved traveler and card a create request names, if they are the caller's.</summary>
    public async Task<SavedSelections> ResolveSavedAsync(string ownerId, CreateTripRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Traveler? traveler = null;
        if (request.TravelerId is Guid travelerId && await travelers.GetAsync(travelerId, ownerId, cancellationToken) is { } profile)
        {
            traveler = pii.Unprotect<Traveler>(profile.Protected);
        }
        SavedCard? card = null;
        if (request.PaymentMethodId is Guid paymentMethodId
            && await paymentMethods.GetAsync(paymentMethodId, ownerId, cancellationToken) is { } saved
            && await paymentMethods.CustomerOfAsync(ownerId, cancellationToken) is { } customerId)
        {
            card = new SavedCard(customerId, saved.StripePaymentMethodId);
        }
        List<Traveler?>? companions = null;
        if (request.CompanionIds is { Count: > 0 and <= PassengerMix.MaxPassengers } ids)
        {
            companions = [];
            foreach (var companionId in ids)
            {
                var companion = await travelers.GetAsync(companionId, ownerId, cancellationToken);
                companions.Add(companion is null ? null : pii.Unprotect<Traveler>(companion.Protected));
            }
        }
        return new SavedSelections(traveler, card, companions);
    }

    /// <summary>
    /// Stores the trip (traveler encrypted) and enqueues its first search. Nothing is stored when the owner is at the
    /// active-trip limit, or when <paramref name="idempotency"/>'s key was used before (then the outcome names the first
    /// request's trip, or says the key was reused with another request).
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(NewTrip trip, IdempotencyClaim? idempotency, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trip);
        using var span = AutoBookingTracing.Source.StartActivity("create trip");
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        span?.SetTag(AutoBookingTracing.TripIdTag, id);
        // The database decides the limit and the key (claim, count and insert under the owner's lock): concurrent creates
        // cannot slip past the limit, and simultaneous retries with one key make one trip.
        var outcome = await trips.TryCreateAsync(id, trip, pii.Protect(trip.Traveler), trip.Companions.Count == 0 ? null : pii.Protect(trip.Companions), now,
            correlationId, apiOptions.Value.MaxActiveTripsPerUser, idempotency, cancellationToken);
        if (outcome.Status != CreateStatus.Created)
        {
            return outcome;
        }
        // If this send is lost, the sweep finds the trip at its first next_check_at.
        await queues.EnqueueSearchAsync(new SearchRequestMessage(id, correlationId), cancellationToken);
        LogCreated(logger, id, correlationId);
        return outcome;
    }

    public async Task<TripResponse?> GetAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        var found = await trips.GetForOwnerAsync(id, ownerId, cancellationToken);
        if (found is not var (trip, booking, hasOffers))
        {
            return null;
        }
        var (bestPrice, latestSearchJson) = await queries.ProgressAsync(id, cancellationToken);
        var active = trip.TripStatus == TripStatus.Booking ? await bookings.ActiveAttemptForOwnerAsync(id, ownerId, cancellationToken) : null;
        var awaitingPayment = active is { AttemptStatus: Core.Booking.AttemptStatus.AwaitingAuthentication };
        // Until the answer the attempt stays started: nothing is authorized before the traveler approves.
        var awaitingApproval = trip.ApprovalRequired && active is { AttemptStatus: Core.Booking.AttemptStatus.Started }
            && await bookings.ApprovalRequestedAsync(id, active.Id, cancellationToken);
        return new TripResponse(
            trip.Id,
            trip.Status,
            TripStage.For(trip.TripStatus, hasOffers, awaitingPayment, awaitingApproval),
            trip.Origin,
            trip.Destination,
            trip.AdditionalOrigins,
            trip.AdditionalDestinations,
            trip.DepartureDate,
            trip.LatestDepartureDate ?? trip.DepartureDate,
            trip.ReturnStay is { } stay ? new ReturnStayResponse(stay.MinNights, stay.MaxNights) : null,
            // Retention anonymised the travelers: who flew is no longer known, the rest of the trip stays readable.
            trip.PiiErasedAt is null ? PassengersOf(trip) : null,
            trip.Cabin,
            trip.MaxConnections,
            new MoneyResponse(trip.MaxTotalAmount, trip.Currency),
            trip.IncludedAirlines,
            trip.ExcludedAirlines,
            trip.PreferredAirlines,
            trip.MaxDurationMinutes,
            trip.CheckedBags,
            trip.ExpiresAt,
            trip.ApprovalRequired,
            trip.TripStatus == TripStatus.Watching ? trip.NextCheckAt : null,
            trip.CreatedAt,
            trip.Version,
            bestPrice is decimal best ? new MoneyResponse(best, trip.Currency) : null,
            latestSearchJson is null ? null : JsonSerializer.Deserialize<LatestSearchResponse>(latestSearchJson, JsonSerializerOptions.Web),
            booking is null ? null : ToResponse(booking),
            trip.PiiErasedAt,
            trip.PiiErasedAt is null ? TravelDocumentsOf(trip) : null,
            FareConditionsOf(trip.Filters.Fare),
            active is { ProviderOrderId: not null, HoldPaymentRequiredBy: { } holdUntil, HoldPaidAt: null }
                ? new FareHoldResponse(holdUntil, active.HoldPriceGuaranteedUntil, active.HoldPriceGuaranteedUntil is { } guaranteed && guaranteed > clock.GetUtcNow(),
                    new MoneyResponse(active.Amount, active.Currency))
                : null);
    }

    public static FareConditionsDto? FareConditionsOf(FareRequirements? fare) => fare is null ? null : new FareConditionsDto(
        fare.Refundable is { } refundable ? new FareConditionDto(refundable.MaxPenalty) : null,
        fare.Changeable is { } changeable ? new FareConditionDto(changeable.MaxPenalty) : null);

    /// <summary>
    /// Passports on file against the trip's last possible flight day (the latest departure, plus the longest stay on a
    /// return): a passport expiring before it may not be accepted for the flight home.
    /// </summary>
    private TravelDocumentsResponse TravelDocumentsOf(TripRecord trip)
    {
        var travelers = TripTravelers.Unprotect(pii, trip);
        var lastDay = (trip.LatestDepartureDate ?? trip.DepartureDate).AddDays(trip.ReturnStay?.MaxNights ?? 0);
        var passports = travelers.Select(t => t.Document).Where(d => d?.Type == "passport").ToList();
        var withPassport = passports.Count;
        var expiring = passports.Count(d => d!.ExpiresOn < lastDay);
        var shortfall = DocumentCheck.Shortfall(
            OfferTerms.Unknown with { DocumentsRequired = true, AllowedDocumentTypes = ["passport"], LastFlightOn = lastDay },
            [.. travelers.Select(t => t.DocumentFacts)]);
        var warning = shortfall is null ? null
            : $"{char.ToUpperInvariant(shortfall[0])}{shortfall[1..]}. Airlines that require passports on international routes will not be booked until every traveler has one valid for the whole trip.";
        return new TravelDocumentsResponse(travelers.Count, withPassport, expiring, warning);
    }

    private PassengersResponse PassengersOf(TripRecord trip)
    {
        var mix = PassengerMix.ForSearch(TripTravelers.Unprotect(pii, trip).Select(t => t.BornOn), trip.DepartureDate);
        return new PassengersResponse(mix.Count(p => p.IsAdult), mix.Count(p => !p.IsAdult && !p.IsInfant), mix.Count(p => p.IsInfant));
    }

    public async Task<PageResponse<TripSummaryResponse>> ListAsync(string ownerId, Paging paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paging);
        var page = await queries.ListAsync(ownerId, paging.Limit, paging.Cursor, cancellationToken);
        var items = page.Select(t => new TripSummaryResponse(t.Id, t.Status, t.Origin, t.Destination, t.DepartureDate,
            new MoneyResponse(t.MaxTotalAmount, t.Currency), t.CreatedAt)).ToList();
        return new PageResponse<TripSummaryResponse>(items, NextCursor(page.Count, paging, page.Count > 0 ? page[^1].Id : null));
    }

    public Task<TripCommandResult> ChangeStatusAsync(Guid id, string ownerId, TripStatus to, int? expectedVersion, string correlationId,
        CancellationToken cancellationToken) =>
        trips.ChangeStatusForOwnerAsync(id, ownerId, to, expectedVersion, clock.GetUtcNow(), correlationId, cancellationToken);

    public Task<TripCommandResult> UpdateCriteriaAsync(Guid id, string ownerId, TripCriteria criteria, int? expectedVersion, string correlationId,
        CancellationToken cancellationToken) =>
        trips.UpdateCriteriaForOwnerAsync(id, ownerId, criteria, expectedVersion, clock.GetUtcNow(), correlationId, cancellationToken);

    public async Task<IReadOnlyList<TripEventResponse>?> EventsAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        var events = await queries.EventsAsync(id, ownerId, cancellationToken);
        return events?.Select(e => new TripEventResponse(e.Id, e.Kind, e.FromStatus, e.ToStatus,
            e.Detail is null ? null : JsonSerializer.Deserialize<JsonElement>(e.Detail), e.Actor, e.OccurredAt)).ToList();
    }

    public async Task<IReadOnlyList<PriceObservationResponse>?> PricesAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        var prices = await queries.PricesAsync(id, ownerId, cancellationToken);
        return prices?.Select(p => new PriceObservationResponse(p.ObservedAt, p.BestQualifyingAmount, p.BestOverallAmount, p.Currency, p.OfferCount))
            .ToList();
    }

    public async Task<PageResponse<BookingResponse>> BookingsAsync(string ownerId, Paging paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paging);
        var page = await queries.BookingsAsync(ownerId, paging.Limit, paging.Cursor, cancellationToken);
        return new PageResponse<BookingResponse>(page.Select(ToResponse).ToList(), NextCursor(page.Count, paging, page.Count > 0 ? page[^1].Id : null));
    }

    public async Task<BookingResponse?> BookingAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
        await queries.BookingAsync(id, ownerId, cancellationToken) is { } booking ? ToResponse(booking) : null;

    private static string? NextCursor(int count, Paging paging, Guid? lastId) => count == paging.Limit ? lastId?.ToString() : null;

    private static BookingResponse ToResponse(BookingRecord booking) =>
        new(booking.Id, booking.TripId, booking.BookingReference, booking.TicketNumbers,
            new MoneyResponse(booking.Amount, booking.Currency), booking.Status, booking.CreatedAt,
            booking.OfferTerms is { } terms ? OfferFacts.Of(OfferRecord.ReadTerms(terms)) : null,
            booking.OfferSlices is { } slices ? DuffelItinerary.FromSlicesJson(slices) : null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trip {TripId} created ({CorrelationId})")]
    private static partial void LogCreated(ILogger logger, Guid tripId, string correlationId);
}
