using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// The booking saga. It only sequences steps and compensates; every decision lives in the activities and
/// the Core types they return. Money is captured only after Duffel confirms the order (invariant 1), and
/// order creation is never retried (invariant 4).
/// </summary>
public sealed partial class BookTripOrchestrator : TaskOrchestrator<BookingSagaInput, BookingOutcome>
{
    /// <summary>For transient faults in idempotent steps only (reads, Stripe calls with keys, Postgres writes).</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2,
            maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<BookingOutcome> RunAsync(TaskOrchestrationContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<BookTripOrchestrator>();

        if (!await context.CallActivityAsync<bool>(nameof(CheckPipelineActivity), input, Retry))
        {
            return await ReleaseAsync(context, input, FailureCodes.KillSwitch, TripStatus.Watching);
        }

        if (input.ApprovalTimeoutSeconds is int approvalSeconds)
        {
            // Nothing is held while the traveller decides; the fare is re-priced after their answer.
            await context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), input, Retry);
            ApprovalDecision? decision;
            try
            {
                decision = await context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, TimeSpan.FromSeconds(approvalSeconds));
            }
            catch (TaskCanceledException)
            {
                decision = null;
            }
            if (decision?.Approved != true)
            {
                return await ReleaseAsync(context, input,
                    decision is null ? FailureCodes.ApprovalTimedOut : FailureCodes.ApprovalDeclined, TripStatus.Watching);
            }
        }

        var price = await context.CallActivityAsync<StepResult>(nameof(RepriceOfferActivity), input, Retry);
        if (!price.Succeeded)
        {
            return await ReleaseAsync(context, input, price.FailureCode!, TripStatus.Watching);
        }

        var authorization = await context.CallActivityAsync<AuthorizationResult>(nameof(AuthorizePaymentActivity), input, Retry);
        if (authorization is { Status: AuthorizationStatus.AuthenticationRequired, PaymentIntentId: { } paymentIntentId }
            && input.AuthenticationTimeoutSeconds is int authenticationSeconds and > 0)
        {
            if (!await AuthenticateOnSessionAsync(context, input, paymentIntentId, authenticationSeconds))
            {
                // Not confirmed in time (or confirmed but not held): release whatever Stripe may hold by now.
                LogAuthenticationNotCompleted(logger, input.AttemptId);
                if (!await TryAsync(context, nameof(CancelAuthorizationActivity), input))
                {
                    return await FlagAsync(context, input, FailureCodes.CompensationFailed);
                }
                return await ReleaseAsync(context, input, FailureCodes.AuthenticationRequired, TripStatus.Failed);
            }
        }
        else if (authorization.Status != AuthorizationStatus.Authorized)
        {
            // Nothing is held. The traveller has to act (another card, or authenticate on-session).
            var code = authorization.Status == AuthorizationStatus.AuthenticationRequired
                ? FailureCodes.AuthenticationRequired
                : FailureCodes.CardDeclined;
            return await ReleaseAsync(context, input, code, TripStatus.Failed);
        }

        OrderResult order;
        try
        {
            // No retry policy: Duffel orders have no idempotency key, a second post could buy a second ticket.
            order = await context.CallActivityAsync<OrderResult>(nameof(CreateOrderActivity), input);
        }
        catch (TaskFailedException ex)
        {
            LogOrderStepFailed(logger, input.AttemptId, ex.FailureDetails.ErrorType);
            order = OrderResult.Ambiguous(FailureCodes.OrderOutcomeUnknown, null);
        }

        if (order.Status == OrderStatus.Ambiguous)
        {
            // The order may exist. Never re-post it: look it up by the attempt id in its metadata, a few times
            // (settled either way: the order turns up, or Duffel reports it was not created).
            LogOrderUnknown(logger, input.AttemptId, order.FailureCode);
            order = await ReconcileAsync(context, input) ?? order;
        }
        if (order.Status == OrderStatus.Rejected)
        {
            LogOrderRejected(logger, input.AttemptId, order.FailureCode);
            if (!await TryAsync(context, nameof(CancelAuthorizationActivity), input))
            {
                return await FlagAsync(context, input, FailureCodes.CompensationFailed);
            }
            return await ReleaseAsync(context, input, FailureCodes.OrderRejected, TripStatus.Watching);
        }
        if (order.Status == OrderStatus.Ambiguous)
        {
            // Still unknown: neither capture (it may not exist) nor release (it may): an operator decides
            // within the authorization window, alerted by the needs-attention event.
            return await FlagAsync(context, input, FailureCodes.OrderOutcomeUnknown);
        }

        if (!await TryAsync(context, nameof(CapturePaymentActivity), input))
        {
            // No ticket without payment: cancel the order, then release the hold. If the order cannot be
            // cancelled for sure, an operator decides while the money is still held.
            LogCaptureFailed(logger, input.AttemptId);
            if (!await TryAsync(context, nameof(CancelOrderActivity), input))
            {
                return await FlagAsync(context, input, FailureCodes.CaptureFailed);
            }
            if (!await TryAsync(context, nameof(CancelAuthorizationActivity), input))
            {
                return await FlagAsync(context, input, FailureCodes.CompensationFailed);
            }
            return await ReleaseAsync(context, input, FailureCodes.CaptureFailed, TripStatus.Failed);
        }

        string bookingReference;
        try
        {
            bookingReference = await context.CallActivityAsync<string>(
                nameof(RecordBookingActivity), new RecordBookingInput(input.AttemptId, input.CorrelationId, order), Retry);
        }
        catch (TaskFailedException)
        {
            LogRecordFailed(logger, input.AttemptId);
            return await FlagAsync(context, input, FailureCodes.RecordFailed);
        }

        // The confirmation email went into the outbox with the booking: a failed email never undoes a booking.
        return BookingOutcome.Booked(bookingReference);
    }

    /// <summary>
    /// The card needs the traveller (3-D Secure): the attempt waits, they are emailed a link to confirm on-session,
    /// and the saga waits for Stripe's word (raised by the webhook) until the deadline. True once the money is held.
    /// </summary>
    private static async Task<bool> AuthenticateOnSessionAsync(TaskOrchestrationContext context, BookingSagaInput input, string paymentIntentId,
        int timeoutSeconds)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        var respondBy = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero).Add(timeout);
        // The email with the confirm link goes into the outbox with the attempt's new status.
        await context.CallActivityAsync<bool>(nameof(AwaitAuthenticationActivity),
            new AwaitAuthenticationInput(input.AttemptId, input.CorrelationId, paymentIntentId, respondBy), Retry);
        try
        {
            await context.WaitForExternalEvent<PaymentAuthenticated>(PaymentAuthenticated.EventName, timeout);
        }
        catch (TaskCanceledException)
        {
            // No word from Stripe by the deadline. Its webhook may have been lost: ask Stripe itself before giving up.
            var replaySafe = context.CreateReplaySafeLogger<BookTripOrchestrator>();
            LogAuthenticationDeadline(replaySafe, input.AttemptId);
        }
        return await context.CallActivityAsync<bool>(nameof(ConfirmAuthenticationActivity), input, Retry);
    }

    /// <summary>Looks the order up after each configured wait: the confirmed order if it turns up, a rejection once Duffel says it never will.</summary>
    private static async Task<OrderResult?> ReconcileAsync(TaskOrchestrationContext context, BookingSagaInput input)
    {
        foreach (var delay in input.ReconcileDelaysSeconds ?? [])
        {
            if (delay > 0)
            {
                await context.CreateTimer(TimeSpan.FromSeconds(delay), CancellationToken.None);
            }
            var found = await context.CallActivityAsync<OrderResult?>(nameof(ReconcileOrderActivity), input, Retry);
            if (found is { Status: OrderStatus.Confirmed or OrderStatus.Rejected })
            {
                return found;
            }
        }
        return null;
    }

    private static async Task<bool> TryAsync(TaskOrchestrationContext context, string activity, BookingSagaInput input)
    {
        try
        {
            return await context.CallActivityAsync<bool>(activity, input, Retry);
        }
        catch (TaskFailedException)
        {
            return false;
        }
    }

    private static async Task<BookingOutcome> ReleaseAsync(TaskOrchestrationContext context, BookingSagaInput input, string failureCode, TripStatus tripTo)
    {
        // When the traveller has to act (trip failed), the failure email goes into the outbox with the attempt's end.
        var end = new EndAttemptInput(input.AttemptId, input.CorrelationId, failureCode, tripTo);
        await context.CallActivityAsync<bool>(nameof(EndAttemptActivity), end, Retry);
        return BookingOutcome.NotBooked(failureCode);
    }

    private static async Task<BookingOutcome> FlagAsync(TaskOrchestrationContext context, BookingSagaInput input, string failureCode)
    {
        await context.CallActivityAsync<bool>(nameof(FlagAttemptActivity),
            new EndAttemptInput(input.AttemptId, input.CorrelationId, failureCode, TripStatus.Failed), Retry);
        return BookingOutcome.NeedsAttention(failureCode);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {AttemptId}: order step failed unexpectedly ({ErrorType})")]
    private static partial void LogOrderStepFailed(ILogger logger, Guid attemptId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: order rejected ({Code}); releasing the authorization")]
    private static partial void LogOrderRejected(ILogger logger, Guid attemptId, string? code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {AttemptId}: order outcome unknown ({Code}); needs attention")]
    private static partial void LogOrderUnknown(ILogger logger, Guid attemptId, string? code);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Attempt {AttemptId}: ticketed but capture failed; cancelling the order")]
    private static partial void LogCaptureFailed(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Attempt {AttemptId}: paid and ticketed but not recorded; needs attention")]
    private static partial void LogRecordFailed(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: payment not authenticated in time; releasing it")]
    private static partial void LogAuthenticationNotCompleted(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: authentication deadline reached; checking the payment with Stripe")]
    private static partial void LogAuthenticationDeadline(ILogger logger, Guid attemptId);
}
