using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Resend.Templates;
using AutoBooking.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Notifications;

/// <summary>
/// Renders an outbox row into the traveler's email at send time, from the encrypted traveler data and the rows the
/// state change left (the outbox itself holds ids only). Rendering is a pure function of stored facts wherever it can
/// be, so a resend after a lost answer is the same request under the same Resend idempotency key.
/// </summary>
public sealed class TravelerEmails(
    BookingRepository bookings, IFlightProvider flights, PiiProtector pii, IOptions<ResendOptions> resend, IOptions<BookingOptions> booking,
    TimeProvider clock)
{
    /// <summary>Trip event kinds for schedule changes: the traveler was emailed; the email could not be sent.</summary>
    public const string ScheduleChangeEmailedKind = "schedule_change_emailed";

    public const string ScheduleChangeEmailFailedKind = "schedule_change_email_failed";

    public async Task<OutboxEmail> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attemptId = message.AttemptId ?? throw new InvalidOperationException($"Outbox message {message.Id} names no attempt.");
        var context = await bookings.GetContextAsync(attemptId, cancellationToken);
        if (context.Trip.PiiErasedAt is not null || context.Trip.TravelerProtected is null)
        {
            // Erased on request or by retention: nobody left to write to (the outcome is recorded, not retried).
            return OutboxEmail.Skip("pii_erased");
        }
        var traveler = pii.Unprotect<Traveler>(context.Trip.TravelerProtected);
        var support = resend.Value.SupportContact;
        return message.OutboxKind switch
        {
            OutboxKind.BookingConfirmed => await ConfirmedAsync(context, traveler, support, cancellationToken),
            OutboxKind.BookingFailed => OutboxEmail.Send(new BookingFailedEmail(traveler.GivenName, context.Trip.Origin, context.Trip.Destination,
                FailureMessages.ForTraveler(context.Attempt.FailureCode ?? ""), Refunded: false,
                StillWatching: context.Trip.TripStatus == TripStatus.Watching, support).Render(traveler.Email)),
            OutboxKind.AttemptUnderReview => OutboxEmail.Send(
                new BookingUnderReviewEmail(traveler.GivenName, context.Trip.Origin, context.Trip.Destination, support).Render(traveler.Email)),
            OutboxKind.PaymentActionRequired => PaymentAction(context, traveler, support),
            OutboxKind.ScheduleChange => await ScheduleChangeAsync(attemptId, traveler, support, cancellationToken),
            OutboxKind.ApprovalRequested => ApprovalRequested(context, traveler, support, message.CreatedAt),
            _ => throw new InvalidOperationException($"Outbox message {message.Id} has an unknown kind."),
        };
    }

    /// <summary>Keeps the trip's audit trail of schedule-change emails (support reads it): emailed, or why not. Once per event.</summary>
    public async Task RecordOutcomeAsync(OutboxMessage message, string? skipReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.OutboxKind != OutboxKind.ScheduleChange || message.ProviderEventId is not { } eventId
            || await bookings.FindByProviderOrderAsync(null, message.AttemptId, cancellationToken) is not { } changed)
        {
            return;
        }
        await bookings.RecordProviderEventOnceAsync(changed, skipReason is null ? ScheduleChangeEmailedKind : ScheduleChangeEmailFailedKind,
            eventId, clock.GetUtcNow(), skipReason is null ? null : new { reason = skipReason }, cancellationToken);
    }

    private async Task<OutboxEmail> ConfirmedAsync(AttemptContext context, Traveler traveler, string support, CancellationToken cancellationToken)
    {
        var booked = await bookings.GetBookingAsync(context.Attempt.Id, cancellationToken);
        var itinerary = DuffelItinerary.FromOfferJson(await bookings.GetOfferJsonAsync(context.Offer.Id, cancellationToken));
        return OutboxEmail.Send(new BookingConfirmedEmail(traveler.GivenName, booked.BookingReference, booked.TicketNumbers, itinerary,
            new Core.Money.Money(booked.Amount, booked.Currency), support,
            context.Offer.Terms is null ? null : Core.Offers.OfferFacts.Of(context.Offer.TermsOrUnknown)).Render(traveler.Email));
    }

    /// <summary>
    /// Only while the attempt still waits for the traveler's answer (it is in flight and nothing is held on the card yet);
    /// the answer is due by the approval timeout, or earlier when a held fare's deadline comes first.
    /// </summary>
    private OutboxEmail ApprovalRequested(AttemptContext context, Traveler traveler, string support, DateTimeOffset requestedAt)
    {
        if (context.Attempt.AttemptStatus != AttemptStatus.Started)
        {
            return OutboxEmail.Skip("no_longer_awaiting_approval");
        }
        var answerBy = requestedAt.AddSeconds(booking.Value.ApprovalTimeoutSeconds);
        if (context.Attempt.HoldPaymentRequiredBy is { } heldUntil && heldUntil < answerBy)
        {
            answerBy = heldUntil;
        }
        return OutboxEmail.Send(new ApprovalRequestedEmail(traveler.GivenName, context.Trip.Origin, context.Trip.Destination, context.Attempt.Total,
            answerBy, context.Attempt.HoldPaymentRequiredBy, context.Attempt.HoldPriceGuaranteedUntil, support).Render(traveler.Email));
    }

    /// <summary>Only while the attempt still waits for the traveler: a link past its deadline would lead nowhere.</summary>
    private OutboxEmail PaymentAction(AttemptContext context, Traveler traveler, string support)
    {
        if (context.Attempt.AttemptStatus != AttemptStatus.AwaitingAuthentication || context.Attempt.RespondBy is not { } respondBy)
        {
            return OutboxEmail.Skip("no_longer_awaiting_authentication");
        }
        if (respondBy <= clock.GetUtcNow())
        {
            return OutboxEmail.Skip("authentication_deadline_passed");
        }
        return OutboxEmail.Send(new PaymentActionRequiredEmail(traveler.GivenName, context.Trip.Origin, context.Trip.Destination,
            context.Attempt.Total, booking.Value.PaymentConfirmUriFor(context.Trip.Id), respondBy, support).Render(traveler.Email));
    }

    /// <summary>The order as Duffel has it now (the new times); nothing when the booking ended or Duffel no longer knows the order.</summary>
    private async Task<OutboxEmail> ScheduleChangeAsync(Guid attemptId, Traveler traveler, string support, CancellationToken cancellationToken)
    {
        var changed = await bookings.GetBookingAsync(attemptId, cancellationToken);
        if (changed.Status is not ("confirmed" or "changed"))
        {
            return OutboxEmail.Skip("booking_" + changed.Status);
        }
        if (await flights.GetOrderAsync(changed.ProviderOrderId, cancellationToken) is not { } order)
        {
            return OutboxEmail.Skip("order_not_found");
        }
        return OutboxEmail.Send(new ScheduleChangeEmail(traveler.GivenName, changed.BookingReference, DuffelItinerary.FromOrder(order), support)
            .Render(traveler.Email));
    }
}
