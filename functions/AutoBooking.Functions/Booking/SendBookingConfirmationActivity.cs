using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Resend.Templates;
using AutoBooking.Infrastructure.Security;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Emails the itinerary, booking reference, ticket numbers and amount charged. The idempotency key makes a
/// retry the same email, not a second.
/// </summary>
public sealed class SendBookingConfirmationActivity(
    BookingRepository bookings, INotificationSender email, PiiProtector pii, IOptions<ResendOptions> resend)
    : SagaActivity<BookingSagaInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        var booking = await bookings.GetBookingAsync(input.AttemptId, CancellationToken.None);
        var itinerary = DuffelItinerary.FromOfferJson(await bookings.GetOfferJsonAsync(attempt.Offer.Id, CancellationToken.None));
        var traveler = pii.Unprotect<Traveler>(attempt.Trip.TravelerProtected);
        var message = new BookingConfirmedEmail(traveler.GivenName, booking.BookingReference, booking.TicketNumbers, itinerary,
            new Core.Money.Money(booking.Amount, booking.Currency), resend.Value.SupportContact).Render(traveler.Email);
        await email.SendAsync(message, IdempotencyKeys.ForEmail("booking-confirmed", input.AttemptId), CancellationToken.None);
        return true;
    }
}
