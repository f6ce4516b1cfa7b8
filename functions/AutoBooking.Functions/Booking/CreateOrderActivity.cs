using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Buys the tickets: one Duffel instant order for the attempt's offer and travelers. Posted once, never retried.</summary>
public sealed class CreateOrderActivity(BookingRepository bookings, IFlightProvider flights, PiiProtector pii, TimeProvider clock)
    : TaskActivity<BookingSagaInput, OrderResult>
{
    public override async Task<OrderResult> RunAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        var lead = pii.Unprotect<Traveler>(attempt.Trip.TravelerProtected);
        var companions = attempt.Trip.CompanionsProtected is null ? [] : pii.Unprotect<List<Traveler>>(attempt.Trip.CompanionsProtected);
        var passengers = OrderPassengers.Assign([lead, .. companions], attempt.Offer.PassengerIds, attempt.Offer.PassengerTypes);
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
