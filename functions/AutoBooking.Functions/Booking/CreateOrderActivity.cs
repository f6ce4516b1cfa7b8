using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Buys the tickets: one Duffel instant order for the attempt's offer and travelers. Posted once, never retried.</summary>
public sealed class CreateOrderActivity(BookingRepository bookings, IFlightProvider flights, PiiProtector pii, TimeProvider clock)
    : SagaActivity<BookingSagaInput, OrderResult>
{
    protected override async Task<OrderResult> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        var passengers = OrderPassengers.Assign(
            Pipeline.TripTravelers.Unprotect(pii, attempt.Trip), attempt.Offer.PassengerIds, attempt.Offer.PassengerTypes);
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
