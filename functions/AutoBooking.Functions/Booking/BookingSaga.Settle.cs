using AutoBooking.Core.Booking;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Booking;

/// <summary>The saga's compensations and terminal states: release the hold, end, flag; none of them throws.</summary>
internal sealed partial class BookingSaga
{
    /// <summary>The kill switch; a check that fails counts as "switched off" (nothing is bought on a guess).</summary>
    private async Task<bool> BuyingAllowedAsync()
    {
        try
        {
            return await context.CallAsync<CheckKillSwitchActivity, BookingSagaInput, bool>(input, steps);
        }
        catch (TaskFailedException ex)
        {
            LogStepFailed(logger, input.AttemptId, nameof(CheckKillSwitchActivity), ex.FailureDetails.ErrorType, exposure.ToString());
            return false;
        }
    }

    private async Task<BookingOutcome> ReleaseHoldAndEndAsync(string failureCode, TripStatus tripTo) =>
        await ReleaseHoldAsync()
            ? await EndAsync(failureCode, tripTo)
            : await FlagAsync(FailureCodes.CompensationFailed);

    /// <summary>
    /// Cancels the attempt's PaymentIntent. When the cancellation fails past its retries its outcome is unclear (it may
    /// have gone through with the answer lost), so the intent is read again: cancelled, or holding nothing, is released.
    /// </summary>
    private async Task<bool> ReleaseHoldAsync()
    {
        if (await TryAsync<CancelAuthorizationActivity>())
        {
            exposure = Exposure.Nothing;
            return true;
        }
        var status = await ReadPaymentAsync();
        LogCancellationReread(logger, input.AttemptId, status ?? "unreadable");
        if (status is "canceled" or "requires_payment_method")
        {
            exposure = Exposure.Nothing;
            return true;
        }
        return false;
    }

    /// <summary>The attempt's PaymentIntent status at Stripe; null when it has none or it cannot be read.</summary>
    private async Task<string?> ReadPaymentAsync()
    {
        try
        {
            return await context.CallAsync<ReadPaymentActivity, BookingSagaInput, string?>(input, steps);
        }
        catch (TaskFailedException)
        {
            return null;
        }
    }

    private async Task<bool> TryAsync<TActivity>()
        where TActivity : SagaActivity<BookingSagaInput, bool>
    {
        try
        {
            return await context.CallAsync<TActivity, BookingSagaInput, bool>(input, steps);
        }
        catch (TaskFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Ends an attempt that bought nothing and holds no money; the trip watches again or waits for the traveler. An
    /// unpaid held fare is cancelled first (<see cref="CancelHeldFareAndEndAsync"/>). When the traveler has to act, the
    /// failure email goes into the outbox with the attempt's end (<c>BookingRepository</c>).
    /// </summary>
    private async Task<BookingOutcome> EndAsync(string failureCode, TripStatus tripTo) =>
        fareHeld ? await CancelHeldFareAndEndAsync(failureCode, tripTo) : await EndAttemptAsync(failureCode, tripTo);

    private async Task<BookingOutcome> EndAttemptAsync(string failureCode, TripStatus tripTo)
    {
        var end = new EndAttemptInput(input.AttemptId, input.CorrelationId, failureCode, tripTo, input.TraceParent);
        if (!await SettleAsync<EndAttemptActivity>(end))
        {
            return BookingOutcome.NeedsAttention(failureCode);
        }
        return BookingOutcome.NotBooked(failureCode);
    }

    /// <summary>Ends an attempt an operator (or the reconciler) must finish, with the alert.</summary>
    private async Task<BookingOutcome> FlagAsync(string failureCode)
    {
        await SettleAsync<FlagAttemptActivity>(new EndAttemptInput(input.AttemptId, input.CorrelationId, failureCode, TripStatus.Failed, input.TraceParent));
        return BookingOutcome.NeedsAttention(failureCode);
    }

    /// <summary>
    /// Records the attempt's terminal state. Idempotent, so after the step's own retries it is tried again after each
    /// of the longer settle waits (durable timers: a Postgres outage of minutes is waited out). False when it never
    /// succeeded: logged as a critical alert, and the attempt, still not terminal, is left to the reconciler.
    /// </summary>
    private async Task<bool> SettleAsync<TActivity>(EndAttemptInput end)
        where TActivity : SagaActivity<EndAttemptInput, bool>
    {
        for (var round = 0; ; round++)
        {
            try
            {
                await context.CallAsync<TActivity, EndAttemptInput, bool>(end, steps);
                return true;
            }
            catch (TaskFailedException ex)
            {
                if (round >= retry.SettleIntervalsSeconds.Count)
                {
                    LogNotSettled(logger, input.AttemptId, end.FailureCode, ex.FailureDetails.ErrorType);
                    return false;
                }
                await context.CreateTimer(TimeSpan.FromSeconds(retry.SettleIntervalsSeconds[round]), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {AttemptId}: step {Step} failed past its retries ({ErrorType}); settling with {Exposure}")]
    private static partial void LogStepFailed(ILogger logger, Guid attemptId, string step, string errorType, string exposure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: Stripe refused the authorization request; nothing is held")]
    private static partial void LogAuthorizationRefused(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {AttemptId}: order step failed unexpectedly ({ErrorType})")]
    private static partial void LogOrderStepFailed(ILogger logger, Guid attemptId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: order look-up failed ({ErrorType}); still unknown")]
    private static partial void LogLookUpFailed(ILogger logger, Guid attemptId, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: Duffel reported {EventType}; looking the order up now")]
    private static partial void LogOrderReported(ILogger logger, Guid attemptId, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: order rejected ({Code}); releasing the authorization")]
    private static partial void LogOrderRejected(ILogger logger, Guid attemptId, string? code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {AttemptId}: order outcome unknown ({Code}); looking it up")]
    private static partial void LogOrderUnknown(ILogger logger, Guid attemptId, string? code);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Attempt {AttemptId}: ticketed but capture failed ({ErrorType}); reading the payment")]
    private static partial void LogCaptureFailed(ILogger logger, Guid attemptId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: the capture's answer was lost but Stripe shows the payment taken")]
    private static partial void LogCapturedAfterAll(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: cancelling the payment failed; Stripe shows it {Status}")]
    private static partial void LogCancellationReread(ILogger logger, Guid attemptId, string status);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Attempt {AttemptId}: paid and ticketed but not recorded; needs attention")]
    private static partial void LogRecordFailed(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: payment not authenticated in time; releasing it")]
    private static partial void LogAuthenticationNotCompleted(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: authentication deadline reached; checking the payment with Stripe")]
    private static partial void LogAuthenticationDeadline(ILogger logger, Guid attemptId);


    // An alert (Alerts.NotSettled): the attempt is not terminal, the reconciler finds it (its orchestration is no
    // longer running).
    [LoggerMessage(EventId = Alerts.NotSettled.Id, Level = Alerts.NotSettled.Level, Message = Alerts.NotSettled.Message)]
    private static partial void LogNotSettled(ILogger logger, Guid attemptId, string failureCode, string errorType);
}
