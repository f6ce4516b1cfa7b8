using System.Net;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Resend.Templates;
using AutoBooking.Infrastructure.Security;
using AutoBooking.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Pipeline;

/// <summary>
/// The airline changed the flights of one of our bookings (Duffel's <c>order.airline_initiated_change_detected</c>):
/// the booking becomes <c>changed</c>, the trip's audit trail says so, and the lead traveller is emailed the
/// itinerary as Duffel has the order now, with the booking reference.
/// <para>
/// Every step is idempotent per Duffel event, so the event can be handled again until it succeeds: the status
/// change and the audit entry are made once, and the email carries the idempotency key
/// <c>schedule_change/&lt;event id&gt;</c>, so a redelivery after a lost answer is the same email, not a second.
/// When the order cannot be read or the email cannot be sent, the failure is recorded on the trip
/// (<c>schedule_change_email_failed</c>, once) and thrown: the webhook answers 500 and Duffel redelivers the event
/// (at least once, retried on a backoff for 72 hours), which is the retry. Only an outcome no retry can change
/// (the booking is cancelled or refunded, or Duffel no longer knows the order) is acknowledged without an email.
/// </para>
/// </summary>
public sealed partial class ScheduleChangeNotifier(
    BookingRepository bookings, IFlightProvider flights, INotificationSender email, PiiProtector pii, IOptions<ResendOptions> resend,
    TimeProvider clock, ILogger<ScheduleChangeNotifier> logger)
{
    /// <summary>The email's event name in its idempotency key.</summary>
    public const string EmailEvent = "schedule_change";

    /// <summary>Trip event kinds: the traveller was emailed; the email could not be sent yet.</summary>
    public const string EmailedKind = "schedule_change_emailed";

    public const string EmailFailedKind = "schedule_change_email_failed";

    /// <summary>
    /// False when the event is not about one of our bookings (nothing was done). Throws when the traveller could
    /// not be told yet, so the provider delivers the event again.
    /// </summary>
    public async Task<bool> HandleAsync(DuffelWebhookEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await bookings.FindByProviderOrderAsync(change.OrderId, change.AttemptId, cancellationToken) is not { } booking)
        {
            return false;
        }
        if (!await bookings.MarkScheduleChangedAsync(booking, change.Id, clock.GetUtcNow(), cancellationToken))
        {
            LogNotNotified(logger, booking.Id, booking.Status, change.Id);
            return true;
        }
        LogChanged(logger, booking.Id, booking.TripId, change.Id);

        string? notEmailed;
        try
        {
            notEmailed = await EmailAsync(booking, change.Id, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not swallowed: recorded for support, then rethrown so the webhook fails and Duffel redelivers.
            await RecordFailureAsync(booking, change.Id, ex.GetType().Name);
            LogNotSent(logger, ex, booking.Id, change.Id);
            throw;
        }
        if (notEmailed is not null)
        {
            await RecordFailureAsync(booking, change.Id, notEmailed);
            LogOrderGone(logger, booking.ProviderOrderId, booking.Id, change.Id);
            return true;
        }
        await bookings.RecordProviderEventOnceAsync(booking, EmailedKind, change.Id, clock.GetUtcNow(), null, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Null once emailed; otherwise why not: the provider does not know the order (nothing to show), or the trip's
    /// PII was erased (on request or by retention: nobody left to write to).
    /// </summary>
    private async Task<string?> EmailAsync(BookingRecord booking, string eventId, CancellationToken cancellationToken)
    {
        var attempt = await bookings.GetContextAsync(booking.AttemptId, cancellationToken);
        if (attempt.Trip.PiiErasedAt is not null)
        {
            return "pii_erased";
        }
        if (await flights.GetOrderAsync(booking.ProviderOrderId, cancellationToken) is not { } order)
        {
            return "order_not_found";
        }
        var traveler = pii.Unprotect<Traveler>(attempt.Trip.TravelerProtected);
        var message = new ScheduleChangeEmail(traveler.GivenName, booking.BookingReference, DuffelItinerary.FromOrder(order),
            resend.Value.SupportContact).Render(traveler.Email);
        try
        {
            await email.SendAsync(message, IdempotencyKeys.ForEmail(EmailEvent, eventId), cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // The key was used with another body: this event's email went out before, and the airline has changed
            // the order again since (that change is its own event, with its own email).
            LogAlreadySent(logger, booking.Id, eventId);
        }
        return null;
    }

    private Task RecordFailureAsync(BookingRecord booking, string eventId, string reason) =>
        bookings.RecordProviderEventOnceAsync(booking, EmailFailedKind, eventId, clock.GetUtcNow(), new { reason }, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {BookingId} of trip {TripId} changed by the airline (event {EventId})")]
    private static partial void LogChanged(ILogger logger, Guid bookingId, Guid tripId, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {BookingId} is {Status}: schedule change event {EventId} recorded, traveller not emailed")]
    private static partial void LogNotNotified(ILogger logger, Guid bookingId, string status, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel does not know order {ProviderOrderId} of booking {BookingId}; schedule change event {EventId} not emailed")]
    private static partial void LogOrderGone(ILogger logger, string providerOrderId, Guid bookingId, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule change email for booking {BookingId} (event {EventId}) was sent before")]
    private static partial void LogAlreadySent(ILogger logger, Guid bookingId, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule change email for booking {BookingId} (event {EventId}) not sent; the webhook fails so Duffel redelivers it")]
    private static partial void LogNotSent(ILogger logger, Exception exception, Guid bookingId, string eventId);
}
