using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Resend.Templates;
using AutoBooking.Infrastructure.Security;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Booking;

/// <summary>Asks the traveller to confirm the attempt's payment on-session (link to the frontend's confirm page). Once per attempt.</summary>
public sealed class SendPaymentActionEmailActivity(
    BookingRepository bookings, INotificationSender email, PiiProtector pii, IOptions<BookingOptions> booking, IOptions<ResendOptions> resend)
    : SagaActivity<BookingSagaInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Attempt.RespondBy is not { } respondBy)
        {
            // Not waiting for the traveller (any more): nothing to ask.
            return false;
        }
        var traveler = pii.Unprotect<Traveler>(attempt.Trip.TravelerProtected);
        var message = new PaymentActionRequiredEmail(traveler.GivenName, attempt.Trip.Origin, attempt.Trip.Destination, attempt.Attempt.Total,
            booking.Value.PaymentConfirmUriFor(attempt.Trip.Id), respondBy, resend.Value.SupportContact).Render(traveler.Email);
        await email.SendAsync(message, IdempotencyKeys.ForEmail("payment-action-required", input.AttemptId), CancellationToken.None);
        return true;
    }
}
