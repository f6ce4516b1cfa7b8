using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.Account;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Telemetry;
using AutoBooking.Infrastructure.Webhooks;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Stripe;

namespace AutoBooking.Functions.Webhooks;

/// <summary>
/// Provider webhooks after their signatures are verified: each event acted on once (claimed before processing in
/// <see cref="WebhookEventStore"/>, so of concurrent deliveries exactly one processes it; a failed handler releases
/// its claim and a crashed one's lease runs out, so the provider's redelivery processes it), and recorded on the trip's audit trail when it concerns one of our booking attempts. An airline's
/// schedule change to one of our bookings is the traveler's business too (<see cref="ScheduleChangeNotifier"/>).
/// A PaymentIntent held after the traveler authenticated it on-session wakes the attempt's saga.
/// </summary>
public sealed partial class WebhookHandler(
    StripeWebhookVerifier stripe, DuffelWebhookVerifier duffel, WebhookEventStore events, PaymentMethodApi paymentMethods,
    ScheduleChangeNotifier scheduleChanges, BookingRepository bookings, TripRepository trips, TimeProvider clock, ILogger<WebhookHandler> logger)
{
    /// <summary>False when the call could not be verified (nothing was done).</summary>
    public async Task<bool> HandleStripeAsync(string? signature, string body, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var verified = stripe.Verify(signature, body);
        if (!verified.IsVerified)
        {
            LogRejected(logger, "stripe", verified.Status);
            return false;
        }
        var stripeEvent = verified.Event!;
        if (await events.ClaimAsync("stripe", stripeEvent.Id, stripeEvent.Type, cancellationToken) is not { } claim)
        {
            LogDuplicate(logger, "stripe", stripeEvent.Id);
            return true;
        }
        await ProcessClaimedAsync(claim, () => ProcessStripeAsync(stripeEvent, durable, cancellationToken), cancellationToken);
        return true;
    }

    private async Task ProcessStripeAsync(StripeWebhookEvent stripeEvent, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (stripeEvent.Type == "setup_intent.succeeded" && stripeEvent.Raw.Data.Object is SetupIntent setup)
        {
            // Ids from the body are looked up in Postgres and at Stripe: only plain ids (never a NUL or a newline).
            await paymentMethods.RecordSetupSucceededAsync(WebhookEventShape.SafeId(setup.CustomerId), WebhookEventShape.SafeId(setup.PaymentMethodId),
                cancellationToken);
        }
        else if (stripeEvent.AttemptId is Guid attemptId)
        {
            await RecordOnTripAsync(attemptId, "stripe_" + stripeEvent.Type, stripeEvent.ObjectId, cancellationToken);
            if (stripeEvent.Type == "payment_intent.amount_capturable_updated" && stripeEvent.ObjectId is { } paymentIntentId)
            {
                await RaiseAuthenticatedAsync(attemptId, paymentIntentId, durable, cancellationToken);
            }
        }
    }

    /// <summary>
    /// False when the call could not be verified (nothing was done). Throws (a 500, and Duffel redelivers) when a
    /// schedule change of one of our bookings could not be told to the traveler yet. With <paramref name="durable"/>, an
    /// <c>order.created</c> / <c>order.creation_failed</c> for an attempt whose order is still unknown also wakes its
    /// saga's reconciliation (the report is on the trip either way, where the look-up reads it).
    /// </summary>
    public async Task<bool> HandleDuffelAsync(string? signature, string body, DurableTaskClient? durable, CancellationToken cancellationToken)
    {
        var verified = duffel.Verify(signature, body);
        if (!verified.IsVerified)
        {
            LogRejected(logger, "duffel", verified.Status);
            return false;
        }
        var duffelEvent = verified.Event!;
        if (await events.ClaimAsync("duffel", duffelEvent.Id, duffelEvent.Type, cancellationToken) is not { } claim)
        {
            LogDuplicate(logger, "duffel", duffelEvent.Id);
            return true;
        }
        await ProcessClaimedAsync(claim, () => ProcessDuffelAsync(duffelEvent, durable, cancellationToken), cancellationToken);
        return true;
    }

    /// <summary>
    /// Runs the handler under the event's claim: completed when it succeeds; released when it throws (then rethrown, a
    /// 500), so the provider's redelivery processes the event instead of finding it done.
    /// </summary>
    private async Task ProcessClaimedAsync(WebhookClaim claim, Func<Task> process, CancellationToken cancellationToken)
    {
        try
        {
            await process();
        }
        catch
        {
            // Not cancellable: a claim left behind would hold the redelivery off until its lease ends.
            await events.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }
        await events.CompleteAsync(claim, cancellationToken);
    }

    private async Task ProcessDuffelAsync(DuffelWebhookEvent duffelEvent, DurableTaskClient? durable, CancellationToken cancellationToken)
    {
        var handled = duffelEvent.Kind == DuffelWebhookEventKind.AirlineInitiatedChangeDetected
            && await scheduleChanges.HandleAsync(duffelEvent, cancellationToken);
        if (!handled && duffelEvent.AttemptId is Guid attemptId)
        {
            // The saga reconciles orders itself; the audit trail shows what Duffel reported and when. A schedule
            // change is what support needs to see first (here: an attempt of ours that ended without a booking).
            var kind = duffelEvent.Kind == DuffelWebhookEventKind.AirlineInitiatedChangeDetected ? "airline_schedule_change" : "duffel_" + duffelEvent.Type;
            await RecordOnTripAsync(attemptId, kind, duffelEvent.ObjectId, cancellationToken);
            if (durable is not null && duffelEvent.Kind is DuffelWebhookEventKind.OrderCreated or DuffelWebhookEventKind.OrderCreationFailed)
            {
                await RaiseOrderReportedAsync(attemptId, duffelEvent.Type, durable, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The money is held now: if the attempt is waiting for exactly this PaymentIntent to be authenticated, its saga
    /// goes on (it checks the hold with Stripe itself). Otherwise (an ordinary authorization, a late or repeated
    /// event after the wait ended) nothing happens.
    /// </summary>
    private async Task RaiseAuthenticatedAsync(Guid attemptId, string paymentIntentId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await bookings.FindAttemptAsync(attemptId, cancellationToken) is not { AttemptStatus: AttemptStatus.AwaitingAuthentication } attempt
            || attempt.PaymentIntentId != paymentIntentId)
        {
            return;
        }
        await durable.RaiseEventAsync(attempt.InstanceId, PaymentAuthenticated.EventName, new PaymentAuthenticated(paymentIntentId), cancellationToken);
        LogAuthenticated(logger, attemptId);
    }

    /// <summary>Only an attempt that holds money and has no known order is reconciling; otherwise nothing waits for it.</summary>
    private async Task RaiseOrderReportedAsync(Guid attemptId, string eventType, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await bookings.FindAttemptAsync(attemptId, cancellationToken) is not { AttemptStatus: AttemptStatus.Authorized } attempt)
        {
            return;
        }
        await durable.RaiseEventAsync(attempt.InstanceId, OrderReported.EventName, new OrderReported(eventType), cancellationToken);
    }

    private async Task RecordOnTripAsync(Guid attemptId, string kind, string? objectId, CancellationToken cancellationToken)
    {
        if (await bookings.TripOfAttemptAsync(attemptId, cancellationToken) is Guid tripId)
        {
            await trips.RecordEventAsync(tripId, kind, clock.GetUtcNow(), "provider", null, new { attemptId, objectId }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: payment authenticated on-session; saga resumed")]
    private static partial void LogAuthenticated(ILogger logger, Guid attemptId);

    [LoggerMessage(EventId = Alerts.WebhookRejected.Id, Level = Alerts.WebhookRejected.Level, Message = Alerts.WebhookRejected.Message)]
    private static partial void LogRejected(ILogger logger, string provider, WebhookVerificationStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} webhook event {EventId} was handled before or is being handled; skipped")]
    private static partial void LogDuplicate(ILogger logger, string provider, string eventId);
}
