using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Reads the attempt's PaymentIntent as Stripe has it now (<c>requires_capture</c>, <c>succeeded</c>, <c>canceled</c>,
/// ...), or null when the attempt has none: how the saga settles a capture or a cancellation whose outcome it did not
/// hear, before it decides anything or flags the attempt.
/// </summary>
public sealed class ReadPaymentActivity(BookingRepository bookings, IPaymentGateway payments) : SagaActivity<BookingSagaInput, string?>
{
    protected override async Task<string?> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        return attempt.Attempt.PaymentIntentId is { } paymentIntentId
            ? (await payments.GetPaymentIntentAsync(paymentIntentId, CancellationToken.None)).Status
            : null;
    }
}
