using AutoBooking.Core.Booking;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Buys the tickets: one Duffel instant order for the attempt's offer and travelers, each with the identity document
/// the offer takes. Posted once, never retried. When the offer requires documents a traveler no longer has (removed or
/// expired since the offer was chosen), nothing is posted: the order is refused here, as Duffel would refuse it.
/// </summary>
public sealed class CreateOrderActivity(BookingRepository bookings, IFlightProvider flights, PiiProtector pii, TimeProvider clock)
    : SagaActivity<BookingSagaInput, OrderResult>
{
    protected override async Task<OrderResult> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Trip.TravelersErased)
        {
            return OrderResult.Rejected(FailureCodes.PersonalDataErased, null);
        }
        var travelers = TripTravelers.Unprotect(pii, attempt.Trip);
        var terms = attempt.Offer.TermsOrUnknown;
        if (DocumentCheck.Shortfall(terms, [.. travelers.Select(t => t.DocumentFacts)]) is not null)
        {
            return OrderResult.Rejected(FailureCodes.IdentityDocumentsMissing, null);
        }
        var passengers = OrderPassengers.Assign(travelers, attempt.Offer.PassengerIds, attempt.Offer.PassengerTypes, terms);
        var order = await flights.CreateOrderAsync(
            new OrderRequest(attempt.Offer.ProviderOfferId, attempt.Attempt.Total, passengers, input.AttemptId), CancellationToken.None);
        if (order.Status == OrderStatus.Confirmed)
        {
            await bookings.MarkAsync(input.AttemptId, AttemptStatus.Ordered, clock.GetUtcNow(), input.CorrelationId,
                providerOrderId: order.ProviderOrderId);
        }
        return order;
    }
}
