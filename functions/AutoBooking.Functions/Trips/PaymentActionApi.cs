using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;

namespace AutoBooking.Functions.Trips;

/// <summary>
/// What the frontend's confirm-payment page needs while a booking waits for the traveler to authenticate the card
/// on-session: the PaymentIntent's client secret (fetched from Stripe on demand, never stored or logged), the amount
/// and the deadline. Owner-scoped.
/// </summary>
public sealed class PaymentActionApi(TripRepository trips, BookingRepository bookings, IPaymentGateway payments)
{
    /// <summary>Null when the trip is not the owner's; <see cref="PaymentActionResult.Awaiting"/> false when nothing awaits authentication.</summary>
    public async Task<PaymentActionResult?> GetAsync(Guid tripId, string ownerId, CancellationToken cancellationToken)
    {
        if (await trips.GetForOwnerAsync(tripId, ownerId, cancellationToken) is not var (trip, _, _))
        {
            return null;
        }
        if (await bookings.ActiveAttemptForOwnerAsync(tripId, ownerId, cancellationToken) is not
            { AttemptStatus: AttemptStatus.AwaitingAuthentication, PaymentIntentId: { } paymentIntentId, RespondBy: { } respondBy } attempt)
        {
            return new PaymentActionResult(trip.Status, null);
        }
        var intent = await payments.GetPaymentIntentAsync(paymentIntentId, cancellationToken);
        return intent.ClientSecret is null || intent.IsHeld
            ? new PaymentActionResult(trip.Status, null)
            : new PaymentActionResult(trip.Status,
                new PaymentActionResponse(intent.ClientSecret, new MoneyResponse(attempt.Amount, attempt.Currency), respondBy, intent.PaymentMethodId));
    }
}

/// <summary>The trip's status, and the payment action when one awaits the traveler.</summary>
public sealed record PaymentActionResult(string TripStatus, PaymentActionResponse? Action)
{
    public bool Awaiting => Action is not null;
}
