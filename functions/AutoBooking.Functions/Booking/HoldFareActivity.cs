using AutoBooking.Core.Booking;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Approval mode: holds the chosen fare while the traveler decides, with a Duffel hold order (nothing paid, no
/// tickets). Only for an offer that can be held (<c>requires_instant_payment: false</c>) and whose required identity
/// documents the travelers have; otherwise nothing is posted and the result is a rejection, so approval works as
/// without holds. The attempt records that a hold was requested before it is posted; the hold's id, deadline and price
/// guarantee once it exists. Posted once, never retried (an order creation has no idempotency key).
/// </summary>
public sealed class HoldFareActivity(BookingRepository bookings, IFlightProvider flights, PiiProtector pii, TimeProvider clock)
    : SagaActivity<BookingSagaInput, OrderResult>
{
    public const string NotHoldable = "not_holdable";

    protected override async Task<OrderResult> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Trip.TravelersErased)
        {
            return OrderResult.Rejected(NotHoldable, null);
        }
        var terms = attempt.Offer.TermsOrUnknown;
        var travelers = TripTravelers.Unprotect(pii, attempt.Trip);
        if (!terms.Payment.CanBeHeld || DocumentCheck.Shortfall(terms, [.. travelers.Select(t => t.DocumentFacts)]) is not null)
        {
            return OrderResult.Rejected(NotHoldable, null);
        }
        var passengers = OrderPassengers.Assign(travelers, attempt.Offer.PassengerIds, attempt.Offer.PassengerTypes, terms);
        await bookings.MarkFareHoldRequestedAsync(input.AttemptId, clock.GetUtcNow(), CancellationToken.None);
        var hold = await flights.CreateHoldOrderAsync(
            new OrderRequest(attempt.Offer.ProviderOfferId, attempt.Attempt.Total, passengers, input.AttemptId), CancellationToken.None);
        if (hold is { Status: OrderStatus.Confirmed, ProviderOrderId: { } orderId })
        {
            await bookings.RecordFareHoldAsync(input.AttemptId, orderId, hold.PaymentRequiredBy, hold.PriceGuaranteeExpiresAt, clock.GetUtcNow(),
                input.CorrelationId, CancellationToken.None);
        }
        return hold;
    }
}
