using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Pays the attempt's hold order at the attempt's amount through Duffel's Payments API, after the money is held on the
/// card. Posted once, never retried: an unknown outcome comes back as <see cref="HoldPaymentStatus.Ambiguous"/> and the
/// saga reads the order. Paid marks the attempt ordered (tickets exist; the card is still only held).
/// </summary>
public sealed class PayHeldFareActivity(BookingRepository bookings, IFlightProvider flights, TimeProvider clock)
    : SagaActivity<BookingSagaInput, HoldPaymentResult>
{
    protected override async Task<HoldPaymentResult> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Attempt.ProviderOrderId is not { } orderId || attempt.Attempt.PaymentIntentId is null)
        {
            throw new InvalidOperationException($"Attempt {input.AttemptId} has no hold order or no authorization; refusing to pay.");
        }
        var paid = await flights.PayHoldAsync(orderId, attempt.Attempt.Total, CancellationToken.None);
        if (paid.Status == HoldPaymentStatus.Paid)
        {
            await bookings.MarkHoldPaidAsync(input.AttemptId, clock.GetUtcNow(), input.CorrelationId, CancellationToken.None);
        }
        return paid;
    }
}
