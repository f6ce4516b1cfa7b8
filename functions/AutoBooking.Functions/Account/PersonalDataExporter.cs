using System.Text.Json;
using AutoBooking.Core.Trips;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;

namespace AutoBooking.Functions.Account;

/// <summary>The data export (DESIGN §7): every row we hold about the caller, shaped for them, PII decrypted.</summary>
public sealed class PersonalDataExporter(PersonalDataRepository repository, PiiProtector pii, TimeProvider clock)
{
    public async Task<PersonalDataExportResponse> ExportAsync(string ownerId, CancellationToken cancellationToken)
    {
        var data = await repository.ExportAsync(ownerId, cancellationToken);
        var trips = data.Trips.Select(trip => ToResponse(trip, data)).ToList();
        var travelers = data.Travelers
            .Select(t => new ExportedTravelerResponse(t.Id, pii.Unprotect<Traveler>(t.Protected), t.CreatedAt, t.UpdatedAt)).ToList();
        var cards = data.PaymentMethods
            .Select(p => new PaymentMethodResponse(p.Id, p.Brand, p.Last4, p.ExpMonth, p.ExpYear, p.CreatedAt)).ToList();
        return new PersonalDataExportResponse(ownerId, clock.GetUtcNow(), data.StripeCustomerId, trips, travelers, cards);
    }

    private ExportedTripResponse ToResponse(TripRecord trip, PersonalData data)
    {
        var booking = data.Bookings.FirstOrDefault(b => b.TripId == trip.Id);
        return new ExportedTripResponse(
            trip.Id, trip.Status, Criteria(trip),
            // After erasure or retention the PII is gone: nothing left to decrypt.
            trip.PiiErasedAt is null ? TripTravelers.Unprotect(pii, trip) : [],
            trip.PiiErasedAt, trip.StripeCustomerId, trip.StripePaymentMethodId, trip.AutoBookConsentTerms, trip.AutoBookConsentAt,
            trip.CreatedAt, trip.UpdatedAt,
            data.Events.Where(e => e.TripId == trip.Id).Select(e => new TripEventResponse(e.Id, e.Kind, e.FromStatus, e.ToStatus,
                e.Detail is null ? null : JsonSerializer.Deserialize<JsonElement>(e.Detail), e.Actor, e.OccurredAt)).ToList(),
            data.Prices.Where(p => p.TripId == trip.Id).Select(p => new PriceObservationResponse(
                p.ObservedAt, p.BestQualifyingAmount, p.BestOverallAmount, p.Currency, p.OfferCount)).ToList(),
            data.Offers.Where(o => o.TripId == trip.Id).Select(o => new ExportedOfferResponse(
                o.Id, o.ProviderOfferId, new MoneyResponse(o.TotalAmount, o.Currency), o.ExpiresAt, o.MaxStops, o.DurationMinutes, o.Carriers)).ToList(),
            data.Attempts.Where(a => a.TripId == trip.Id).Select(a => new ExportedAttemptResponse(
                a.Id, a.AttemptNo, a.Status, new MoneyResponse(a.Amount, a.Currency), a.PaymentIntentId, a.ProviderOrderId, a.FailureCode)).ToList(),
            booking is null ? null : new BookingResponse(booking.Id, booking.TripId, booking.BookingReference, booking.TicketNumbers,
                new MoneyResponse(booking.Amount, booking.Currency), booking.Status, booking.CreatedAt));
    }

    private static ExportedCriteriaResponse Criteria(TripRecord trip) => new(
        [trip.Origin, .. trip.AdditionalOrigins], [trip.Destination, .. trip.AdditionalDestinations], trip.DepartureDate,
        trip.LatestDepartureDate, trip.ReturnMinNights, trip.ReturnMaxNights, trip.Cabin, trip.MaxConnections, trip.MaxDurationMinutes,
        trip.CheckedBags, trip.IncludedAirlines, trip.ExcludedAirlines, trip.PreferredAirlines,
        new MoneyResponse(trip.MaxTotalAmount, trip.Currency), trip.ApprovalRequired, trip.ExpiresAt);
}
