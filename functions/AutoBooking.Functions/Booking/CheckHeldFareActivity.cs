using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Reads the attempt's hold order at Duffel (a read, safe to repeat): still held (and at what price, against the
/// traveler's limit and the attempt's amount), paid (the confirmed order with its tickets), or gone (cancelled, past
/// its payment deadline, or unknown). Changes nothing.
/// </summary>
public sealed class CheckHeldFareActivity(BookingRepository bookings, IFlightProvider flights, TimeProvider clock)
    : SagaActivity<BookingSagaInput, HeldFareCheck>
{
    protected override async Task<HeldFareCheck> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        var order = attempt.Attempt.ProviderOrderId is { } orderId ? await flights.GetOrderAsync(orderId, CancellationToken.None) : null;
        if (order is null || order.IsCancelled || (order.AwaitingPayment && order.PaymentRequiredBy is { } deadline && deadline <= clock.GetUtcNow()))
        {
            return new HeldFareCheck(HeldFareState.Gone, order?.Total, false, false, null);
        }
        var withinLimit = string.Equals(order.Total.Currency, attempt.Trip.Currency, StringComparison.OrdinalIgnoreCase)
            && order.Total.Amount <= attempt.Trip.MaxTotalAmount;
        var moved = order.Total != attempt.Attempt.Total;
        if (order.AwaitingPayment)
        {
            return new HeldFareCheck(HeldFareState.Held, order.Total, withinLimit, moved, null);
        }
        var confirmed = new OrderResult(OrderStatus.Confirmed, order.ProviderOrderId, order.BookingReference, order.TicketNumbers, null, null)
        {
            Total = order.Total,
        };
        return new HeldFareCheck(HeldFareState.Paid, order.Total, withinLimit, moved, confirmed);
    }
}
