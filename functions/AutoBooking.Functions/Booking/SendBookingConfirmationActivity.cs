using System.Globalization;
using System.Net;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Emails the itinerary and booking reference. The idempotency key makes a retry the same email, not a second.</summary>
public sealed class SendBookingConfirmationActivity(BookingRepository bookings, INotificationSender email, PiiProtector pii)
    : TaskActivity<BookingSagaInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        var traveler = pii.Unprotect<Traveler>(attempt.Trip.TravelerProtected);
        var trip = attempt.Trip;
        var reference = await bookings.GetBookingReferenceAsync(input.AttemptId, CancellationToken.None);
        var date = trip.DepartureDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var subject = $"Booked: {trip.Origin} to {trip.Destination} on {date} ({reference})";
        var text = $"""
            Hello {traveler.GivenName},

            We booked your flight from {trip.Origin} to {trip.Destination} on {date}.
            Booking reference: {reference}
            Amount charged: {attempt.Attempt.Total}

            Questions? Reply to this email and our support team will help.
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(traveler.GivenName)},</p>
            <p>We booked your flight from <strong>{trip.Origin}</strong> to <strong>{trip.Destination}</strong> on {date}.</p>
            <p>Booking reference: <strong>{WebUtility.HtmlEncode(reference)}</strong><br>Amount charged: {attempt.Attempt.Total}</p>
            <p>Questions? Reply to this email and our support team will help.</p>
            """;
        await email.SendAsync(new EmailMessage(traveler.Email, subject, text, html),
            IdempotencyKeys.ForEmail("booking-confirmed", input.AttemptId), CancellationToken.None);
        return true;
    }
}
