using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// One run of the booking saga, in named steps: begin (kill switch, approval) → hold the money (re-price, kill
/// switch, authorize, on-session authentication) → buy (kill switch, order, reconcile) → take the money (capture)
/// → record. Each step returns the outcome when the saga ends there, null to go on. The saga remembers what may be
/// held at the providers (<see cref="Exposure"/>), so a step that fails past its retries where no branch expected
/// it is still settled by that: nothing held → ended; a hold → released (re-read when unclear) and ended; an order
/// that may exist → flagged, never released or captured blindly. Ending and flagging are retried on a longer
/// durable schedule; if even that fails, a critical alert and the reconciler take over, and the orchestration still
/// completes.
/// </summary>
internal sealed partial class BookingSaga(TaskOrchestrationContext context, BookingSagaInput input)
{
    private readonly ILogger logger = context.CreateReplaySafeLogger<BookTripOrchestrator>();
    private readonly StepRetry retry = input.Retry ?? StepRetry.Default;
    private readonly TaskOptions steps = StepRetryPolicy.For(input.Retry ?? StepRetry.Default);
    private Exposure exposure = Exposure.Nothing;

    /// <summary>What the providers may hold for this attempt, as far as the saga knows.</summary>
    private enum Exposure
    {
        Nothing,

        /// <summary>Authorizing failed past its retries: a hold may exist under an intent id we never heard.</summary>
        UnknownHold,

        /// <summary>A PaymentIntent exists and may hold money.</summary>
        Hold,

        /// <summary>An order may exist (its creation was sent), on top of the hold.</summary>
        MaybeOrder,

        /// <summary>The order is confirmed; the money is held, not taken.</summary>
        Order,

        /// <summary>Paid and ticketed; only the record is missing.</summary>
        Captured,
    }

    public async Task<BookingOutcome> RunAsync()
    {
        try
        {
            return await BeginAsync() ?? await HoldMoneyAsync() ?? await BuyAsync();
        }
        catch (TaskFailedException ex)
        {
            LogStepFailed(logger, input.AttemptId, ex.TaskName, ex.FailureDetails.ErrorType, exposure.ToString());
            return exposure switch
            {
                Exposure.Nothing => await EndAsync(FailureCodes.StepFailed, TripStatus.Watching),
                Exposure.UnknownHold => await FlagAsync(FailureCodes.AuthorizationOutcomeUnknown),
                Exposure.Hold => await ReleaseHoldAndEndAsync(FailureCodes.StepFailed, TripStatus.Watching),
                Exposure.MaybeOrder => await FlagAsync(FailureCodes.OrderOutcomeUnknown),
                Exposure.Order => await FlagAsync(FailureCodes.CaptureFailed),
                _ => await FlagAsync(FailureCodes.RecordFailed),
            };
        }
    }

    /// <summary>Kill switch, then (approval mode) the traveler's answer. Nothing is held yet.</summary>
    private async Task<BookingOutcome?> BeginAsync()
    {
        if (!await BuyingAllowedAsync())
        {
            return await EndAsync(FailureCodes.KillSwitch, TripStatus.Watching);
        }
        if (input.ApprovalTimeoutSeconds is not int approvalSeconds)
        {
            return null;
        }
        // A fare that can be held is held while the traveler decides (no money moves); any other is re-priced after
        // their answer.
        var (holdDeadline, holdEnded) = await HoldFareAsync();
        if (holdEnded is not null)
        {
            return holdEnded;
        }
        await context.CallAsync<RequestApprovalActivity, BookingSagaInput, bool>(input, steps);
        var wait = ApprovalWait(approvalSeconds, holdDeadline);
        ApprovalDecision? decision;
        try
        {
            decision = await context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, wait);
        }
        catch (TaskCanceledException)
        {
            decision = null;
        }
        if (decision?.Approved != true)
        {
            var reason = decision is not null ? FailureCodes.ApprovalDeclined
                : wait < TimeSpan.FromSeconds(approvalSeconds) ? FailureCodes.HoldExpired : FailureCodes.ApprovalTimedOut;
            return await EndAsync(reason, TripStatus.Watching);
        }
        return fareHeld ? await BuyHeldFareAsync() : null;
    }

    /// <summary>Re-price, kill switch, authorize (and, for 3-D Secure, the traveler on-session), kill switch again.</summary>
    private async Task<BookingOutcome?> HoldMoneyAsync()
    {
        var price = await context.CallAsync<RepriceOfferActivity, BookingSagaInput, StepResult>(input, steps);
        if (!price.Succeeded)
        {
            // A trip without travelers any more never watches again.
            return await EndAsync(price.FailureCode!, price.FailureCode == FailureCodes.PersonalDataErased ? TripStatus.Failed : TripStatus.Watching);
        }
        // The switch may have been turned on while the traveler was deciding or the fare was re-priced.
        if (!await BuyingAllowedAsync())
        {
            return await EndAsync(FailureCodes.KillSwitch, TripStatus.Watching);
        }
        var authorization = await AuthorizeAsync();
        if (authorization is null)
        {
            return await EndAsync(FailureCodes.PaymentFailed, TripStatus.Failed);
        }
        if (await SettleAuthorizationAsync(authorization) is { } ended)
        {
            return ended;
        }
        // Last look before buying: turned on meanwhile, nothing is bought and the hold is released.
        return await BuyingAllowedAsync() ? null : await ReleaseHoldAndEndAsync(FailureCodes.KillSwitch, TripStatus.Watching);
    }

    /// <summary>
    /// Authorizes the amount. Null when Stripe refused the request itself (nothing was created). Past its retries the
    /// outcome is unknown: a hold may exist whose intent id we never heard, so the saga ends flagged (by the caller).
    /// </summary>
    private async Task<AuthorizationResult?> AuthorizeAsync()
    {
        exposure = Exposure.UnknownHold;
        try
        {
            var authorization = await context.CallAsync<AuthorizePaymentActivity, BookingSagaInput, AuthorizationResult>(input, steps);
            exposure = authorization.PaymentIntentId is null ? Exposure.Nothing : Exposure.Hold;
            return authorization;
        }
        catch (TaskFailedException ex) when (ex.FailureDetails.ErrorType == typeof(Stripe.StripeException).FullName)
        {
            // Not transient (those arrive wrapped): Stripe rejected the request before creating anything.
            LogAuthorizationRefused(logger, input.AttemptId);
            exposure = Exposure.Nothing;
            return null;
        }
    }

    /// <summary>Null when the money is held; otherwise the outcome, after cancelling any intent that exists.</summary>
    private async Task<BookingOutcome?> SettleAuthorizationAsync(AuthorizationResult authorization)
    {
        if (authorization.Status == AuthorizationStatus.Authorized)
        {
            return null;
        }
        if (authorization is { Status: AuthorizationStatus.AuthenticationRequired, PaymentIntentId: { } paymentIntentId }
            && input.AuthenticationTimeoutSeconds is int authenticationSeconds and > 0)
        {
            if (await AuthenticateOnSessionAsync(paymentIntentId, authenticationSeconds))
            {
                return null;
            }
            // Not confirmed in time (or confirmed but not held): release whatever Stripe may hold by now.
            LogAuthenticationNotCompleted(logger, input.AttemptId);
        }
        var code = authorization.Status switch
        {
            AuthorizationStatus.AuthenticationRequired => FailureCodes.AuthenticationRequired,
            AuthorizationStatus.NotHeld => FailureCodes.PaymentFailed,
            _ => FailureCodes.CardDeclined,
        };
        // The traveler has to act (another card, or authenticate on-session). An intent that exists is cancelled
        // first: one in processing or requires_action could still come to hold the money.
        return exposure == Exposure.Hold
            ? await ReleaseHoldAndEndAsync(code, TripStatus.Failed)
            : await EndAsync(code, TripStatus.Failed);
    }

    /// <summary>
    /// The card needs the traveler (3-D Secure): the attempt waits, they are emailed a link to confirm on-session,
    /// and the saga waits for Stripe's word (raised by the webhook) until the deadline. True once the money is held.
    /// </summary>
    private async Task<bool> AuthenticateOnSessionAsync(string paymentIntentId, int timeoutSeconds)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        var respondBy = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero).Add(timeout);
        // The email with the confirm link goes into the outbox with the attempt's new status; a lost email does not
        // end the wait (the trip shows it and the confirm page still works).
        await context.CallAsync<AwaitAuthenticationActivity, AwaitAuthenticationInput, bool>(
            new AwaitAuthenticationInput(input.AttemptId, input.CorrelationId, paymentIntentId, respondBy, input.TraceParent), steps);
        try
        {
            await context.WaitForExternalEvent<PaymentAuthenticated>(PaymentAuthenticated.EventName, timeout);
        }
        catch (TaskCanceledException)
        {
            // No word from Stripe by the deadline. Its webhook may have been lost: ask Stripe itself before giving up.
            LogAuthenticationDeadline(logger, input.AttemptId);
        }
        return await context.CallAsync<ConfirmAuthenticationActivity, BookingSagaInput, bool>(input, steps);
    }

    /// <summary>Creates the order (posted once, never retried), reconciles an unknown outcome, then takes the money.</summary>
    private async Task<BookingOutcome> BuyAsync()
    {
        var order = await CreateOrderAsync();
        if (order.Status == OrderStatus.Ambiguous)
        {
            // The order may exist. Never re-post it: look it up by the attempt id in its metadata, a few times
            // (settled either way: the order turns up, or Duffel reports it was not created).
            LogOrderUnknown(logger, input.AttemptId, order.FailureCode);
            order = await LookUpOrderAsync() ?? order;
        }
        switch (order.Status)
        {
            case OrderStatus.Rejected:
                LogOrderRejected(logger, input.AttemptId, order.FailureCode);
                exposure = Exposure.Hold;
                return await ReleaseHoldAndEndAsync(FailureCodes.OrderRejected, TripStatus.Watching);
            case OrderStatus.Ambiguous:
                // Still unknown: neither capture (it may not exist) nor release (it may): flagged for the reconciler
                // and an operator, within the authorization window.
                return await FlagAsync(FailureCodes.OrderOutcomeUnknown);
            default:
                exposure = Exposure.Order;
                return await TakeMoneyAsync(order);
        }
    }

    private async Task<OrderResult> CreateOrderAsync()
    {
        exposure = Exposure.MaybeOrder;
        try
        {
            // No retry policy: Duffel orders have no idempotency key, a second post could buy a second ticket.
            return await context.CallOnceAsync<CreateOrderActivity, BookingSagaInput, OrderResult>(input);
        }
        catch (TaskFailedException ex)
        {
            LogOrderStepFailed(logger, input.AttemptId, ex.FailureDetails.ErrorType);
            return OrderResult.Ambiguous(FailureCodes.OrderOutcomeUnknown, null);
        }
    }

    /// <summary>
    /// Looks the order up after each configured wait: the confirmed order if it turns up, a rejection once Duffel says
    /// it never will; null while still unknown (a look-up that fails counts as unknown, it never ends the saga).
    /// </summary>
    private async Task<OrderResult?> LookUpOrderAsync()
    {
        foreach (var delay in input.OrderLookUpDelaysSeconds ?? [])
        {
            if (delay > 0)
            {
                await WaitForReportAsync(delay);
            }
            try
            {
                var found = await context.CallAsync<LookUpOrderActivity, BookingSagaInput, OrderResult?>(input, steps);
                if (found is { Status: OrderStatus.Confirmed or OrderStatus.Rejected })
                {
                    return found;
                }
            }
            catch (TaskFailedException ex)
            {
                LogLookUpFailed(logger, input.AttemptId, ex.FailureDetails.ErrorType);
            }
        }
        return null;
    }

    /// <summary>The next look-up's wait, cut short when Duffel's webhook reports on the order meanwhile.</summary>
    private async Task WaitForReportAsync(int seconds)
    {
        try
        {
            var report = await context.WaitForExternalEvent<OrderReported>(OrderReported.EventName, TimeSpan.FromSeconds(seconds));
            LogOrderReported(logger, input.AttemptId, report.EventType);
        }
        catch (TaskCanceledException)
        {
            // No report within the wait: look anyway.
        }
    }

    /// <summary>
    /// Captures the held money. A capture that fails is re-read first: taken after all → record; still held →
    /// cancel the order, then release the hold; anything unclear → flagged, the money only held.
    /// </summary>
    private async Task<BookingOutcome> TakeMoneyAsync(OrderResult order)
    {
        try
        {
            await context.CallAsync<CapturePaymentActivity, BookingSagaInput, bool>(input, steps);
        }
        catch (TaskFailedException ex)
        {
            LogCaptureFailed(logger, input.AttemptId, ex.FailureDetails.ErrorType);
            var status = await ReadPaymentAsync();
            if (status != "succeeded")
            {
                // No ticket without payment: cancel the order, then release the hold. If the order cannot be cancelled
                // for sure, or the payment cannot be read, an operator decides while the money is still held.
                if (status is not ("requires_capture" or "canceled") || !await TryAsync<CancelOrderActivity>())
                {
                    return await FlagAsync(FailureCodes.CaptureFailed);
                }
                exposure = Exposure.Hold;
                return await ReleaseHoldAndEndAsync(FailureCodes.CaptureFailed, TripStatus.Failed);
            }
            LogCapturedAfterAll(logger, input.AttemptId);
        }
        exposure = Exposure.Captured;
        return await RecordAsync(order);
    }

    /// <summary>Records the paid order as the trip's booking, then emails the traveler (a failed email never undoes a booking).</summary>
    private async Task<BookingOutcome> RecordAsync(OrderResult order)
    {
        string bookingReference;
        try
        {
            bookingReference = await context.CallAsync<RecordBookingActivity, RecordBookingInput, string>(
                new RecordBookingInput(input.AttemptId, input.CorrelationId, order, input.TraceParent), steps);
        }
        catch (TaskFailedException)
        {
            LogRecordFailed(logger, input.AttemptId);
            return await FlagAsync(FailureCodes.RecordFailed);
        }
        // The confirmation email went into the outbox with the booking: a failed email never undoes a booking.
        return BookingOutcome.Booked(bookingReference);
    }
}
