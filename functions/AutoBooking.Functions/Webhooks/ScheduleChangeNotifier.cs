using AutoBooking.Functions.Notifications;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Webhooks;

/// <summary>
/// The airline changed the flights of one of our bookings (Duffel's <c>order.airline_initiated_change_detected</c>):
/// the booking becomes <c>changed</c>, the trip's audit trail says so, and the lead traveler's email (the itinerary as
/// Duffel has the order at send time, with the booking reference) goes into the outbox, all in one transaction.
/// <para>
/// Once per Duffel event: a redelivery finds the audit entry and the outbox row (keyed <c>schedule_change/&lt;event id&gt;</c>,
/// also the email's Resend idempotency key) and adds nothing. The email is sent at once when Resend answers, else by the
/// outbox sender with backoff, so the webhook is acknowledged either way: Duffel's redelivery is no longer our retry.
/// A booking that is cancelled or refunded is recorded without an email.
/// </para>
/// </summary>
public sealed partial class ScheduleChangeNotifier(BookingRepository bookings, OutboxDispatcher outbox, TimeProvider clock,
    ILogger<ScheduleChangeNotifier> logger)
{
    /// <summary>The email's event name in its idempotency key.</summary>
    public const string EmailEvent = "schedule_change";

    /// <summary>Trip event kinds: the traveler was emailed; the email could not be sent (e.g. Duffel no longer knows the order).</summary>
    public const string EmailedKind = TravelerEmails.ScheduleChangeEmailedKind;

    public const string EmailFailedKind = TravelerEmails.ScheduleChangeEmailFailedKind;

    /// <summary>False when the event is not about one of our bookings (nothing was done).</summary>
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
        await outbox.TryDeliverNowAsync(booking.AttemptId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {BookingId} of trip {TripId} changed by the airline (event {EventId})")]
    private static partial void LogChanged(ILogger logger, Guid bookingId, Guid tripId, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {BookingId} is {Status}: schedule change event {EventId} recorded, traveler not emailed")]
    private static partial void LogNotNotified(ILogger logger, Guid bookingId, string status, string eventId);
}
