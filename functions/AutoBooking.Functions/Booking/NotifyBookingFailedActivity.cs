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

/// <summary>Tells the traveller that a booking attempt needs them (declined card, authentication, failed capture). Once per attempt.</summary>
public sealed class NotifyBookingFailedActivity(
    BookingRepository bookings, INotificationSender email, PiiProtector pii, IOptions<ResendOptions> resend)
    : SagaActivity<EndAttemptInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, EndAttemptInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        var traveler = pii.Unprotect<Traveler>(attempt.Trip.TravelerProtected);
        var message = new BookingFailedEmail(traveler.GivenName, attempt.Trip.Origin, attempt.Trip.Destination,
            FailureMessages.ForTraveller(input.FailureCode), Refunded: false, StillWatching: input.TripTo == TripStatus.Watching,
            resend.Value.SupportContact).Render(traveler.Email);
        await email.SendAsync(message, IdempotencyKeys.ForEmail("booking-failed", input.AttemptId), CancellationToken.None);
        return true;
    }
}
