using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Approval mode with a held fare. When the chosen offer can be held, a Duffel hold order keeps the seats (nothing
/// paid) while the traveler decides, for no longer than the hold's payment deadline. Approved: the hold is read (gone
/// → ended; its price now above the limit → cancelled and ended; moved within the limit → the attempt goes on at the
/// new price), the money is held on the card, the hold is paid through Duffel's Payments API, then the money is taken.
/// A <c>price_changed</c> answer is checked against the limit again: within it, the card's hold is released and the new
/// price authorized and paid once more; above it, everything is released. Declined, timed out, past the deadline or
/// stopped by the kill switch: the hold is cancelled and nothing is charged. A hold that cannot be cancelled for sure
/// is flagged (it costs nothing and lapses at its deadline; the reconciler retries the cancellation).
/// </summary>
internal sealed partial class BookingSaga
{
    /// <summary>Times a held fare is authorized and paid at a changed price before the saga gives up.</summary>
    private const int MaxAuthorizationRounds = 2;

    /// <summary>The approval wait ends this long before the hold's deadline, so the fare is still held when it is paid.</summary>
    private static readonly TimeSpan HoldDeadlineMargin = TimeSpan.FromMinutes(10);

    /// <summary>An unpaid hold order of this attempt exists at Duffel (it must be paid or cancelled before the saga ends).</summary>
    private bool fareHeld;

    /// <summary>
    /// Holds the fare when the offer allows it. Null: no hold (the offer cannot be held, or Duffel refused it), approval
    /// goes on as without holds. Otherwise the hold's deadline, or a flagged outcome when the hold's creation is unknown.
    /// </summary>
    private async Task<(DateTimeOffset? Deadline, BookingOutcome? Ended)> HoldFareAsync()
    {
        OrderResult hold;
        try
        {
            // No retry policy: a hold is an order, and a second post could hold the seats twice.
            hold = await context.CallOnceAsync<HoldFareActivity, BookingSagaInput, OrderResult>(input);
        }
        catch (TaskFailedException ex)
        {
            LogOrderStepFailed(logger, input.AttemptId, ex.FailureDetails.ErrorType);
            hold = OrderResult.Ambiguous(FailureCodes.OrderOutcomeUnknown, null);
        }
        switch (hold.Status)
        {
            case OrderStatus.Confirmed:
                fareHeld = true;
                LogFareHeld(logger, input.AttemptId, hold.PaymentRequiredBy, hold.PriceGuaranteeExpiresAt);
                return (hold.PaymentRequiredBy ?? new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero).AddDays(1), null);
            case OrderStatus.Ambiguous:
                // A hold costs nothing, but it may exist: the reconciler finds it by the attempt id and cancels it.
                LogOrderUnknown(logger, input.AttemptId, hold.FailureCode);
                return (null, await FlagAsync(FailureCodes.OrderOutcomeUnknown));
            default:
                if (hold.FailureCode != HoldFareActivity.NotHoldable)
                {
                    LogHoldRefused(logger, input.AttemptId, hold.FailureCode);
                }
                return (null, null);
        }
    }

    /// <summary>How long to wait for the traveler: the approval timeout, cut short before a held fare's deadline.</summary>
    private TimeSpan ApprovalWait(int approvalSeconds, DateTimeOffset? holdDeadline)
    {
        var wait = TimeSpan.FromSeconds(approvalSeconds);
        if (holdDeadline is { } deadline)
        {
            var left = deadline - HoldDeadlineMargin - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            wait = left < wait ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : wait;
        }
        return wait;
    }

    /// <summary>The traveler approved a held fare: read it, hold the money, pay the hold, take the money.</summary>
    private async Task<BookingOutcome> BuyHeldFareAsync()
    {
        if (!await BuyingAllowedAsync())
        {
            return await CancelHeldFareAndEndAsync(FailureCodes.KillSwitch, TripStatus.Watching);
        }
        var check = await context.CallAsync<CheckHeldFareActivity, BookingSagaInput, HeldFareCheck>(input, steps);
        if (await PriceHeldFareAsync(check) is { } ended)
        {
            return ended;
        }
        while (true)
        {
            var authorization = await AuthorizeAsync();
            if (authorization is null)
            {
                return await CancelHeldFareAndEndAsync(FailureCodes.PaymentFailed, TripStatus.Failed);
            }
            if (await SettleAuthorizationAsync(authorization) is { } declined)
            {
                return declined;
            }
            if (!await BuyingAllowedAsync())
            {
                return await ReleaseHoldAndEndAsync(FailureCodes.KillSwitch, TripStatus.Watching);
            }
            var paid = await PayHeldFareAsync();
            switch (paid.Status)
            {
                case HoldPaymentStatus.Paid:
                    return await TakeHeldFareMoneyAsync();
                case HoldPaymentStatus.PriceChanged:
                    LogHeldPriceChanged(logger, input.AttemptId, paid.CurrentTotal?.ToString() ?? "unknown");
                    if (input.AuthorizationRound >= MaxAuthorizationRounds || !await ReleaseHoldAsync())
                    {
                        return await ReleaseHoldAndEndAsync(FailureCodes.PriceAboveLimit, TripStatus.Watching);
                    }
                    check = await context.CallAsync<CheckHeldFareActivity, BookingSagaInput, HeldFareCheck>(input, steps);
                    if (await PriceHeldFareAsync(check) is { } repriceEnded)
                    {
                        return repriceEnded;
                    }
                    // The new price qualifies: authorize it under new idempotency keys.
                    input = input with { AuthorizationRound = input.AuthorizationRound + 1 };
                    continue;
                case HoldPaymentStatus.Expired:
                    fareHeld = false;
                    return await ReleaseHoldAndEndAsync(FailureCodes.HoldExpired, TripStatus.Watching);
                case HoldPaymentStatus.Rejected:
                    return await ReleaseHoldAndEndAsync(FailureCodes.OrderRejected, TripStatus.Watching);
                default:
                    return await SettleUnknownPaymentAsync();
            }
        }
    }

    /// <summary>
    /// Null when the held fare can be paid at the attempt's amount (after moving the attempt to a changed price that
    /// still qualifies); otherwise the ended outcome: gone (nothing was charged) or above the limit (hold cancelled).
    /// </summary>
    private async Task<BookingOutcome?> PriceHeldFareAsync(HeldFareCheck check)
    {
        switch (check.State)
        {
            case HeldFareState.Gone:
                fareHeld = false;
                return exposure == Exposure.Hold
                    ? await ReleaseHoldAndEndAsync(FailureCodes.HoldExpired, TripStatus.Watching)
                    : await EndAsync(FailureCodes.HoldExpired, TripStatus.Watching);
            case HeldFareState.Paid:
                // Paid by nobody we know of: an operator looks at it with the money where it is.
                return await FlagAsync(FailureCodes.OrderOutcomeUnknown);
        }
        if (!check.WithinLimit)
        {
            return exposure == Exposure.Hold
                ? await ReleaseHoldAndEndAsync(FailureCodes.PriceAboveLimit, TripStatus.Watching)
                : await CancelHeldFareAndEndAsync(FailureCodes.PriceAboveLimit, TripStatus.Watching);
        }
        if (check.PriceMoved && check.Total is { } total)
        {
            await context.CallAsync<RepriceHeldFareActivity, RepriceHeldFareInput, bool>(
                new RepriceHeldFareInput(input.AttemptId, input.CorrelationId, total, input.TraceParent), steps);
        }
        return null;
    }

    private async Task<HoldPaymentResult> PayHeldFareAsync()
    {
        exposure = Exposure.MaybeOrder;
        try
        {
            // No retry policy: a payment posted twice could pay twice.
            return await context.CallOnceAsync<PayHeldFareActivity, BookingSagaInput, HoldPaymentResult>(input);
        }
        catch (TaskFailedException ex)
        {
            LogOrderStepFailed(logger, input.AttemptId, ex.FailureDetails.ErrorType);
            return new HoldPaymentResult(HoldPaymentStatus.Ambiguous, [], null, FailureCodes.OrderOutcomeUnknown, null);
        }
        finally
        {
            if (exposure == Exposure.MaybeOrder)
            {
                exposure = Exposure.Hold;
            }
        }
    }

    /// <summary>Paid: the hold is now a ticketed order; read it (booking reference, tickets) and take the money.</summary>
    private async Task<BookingOutcome> TakeHeldFareMoneyAsync()
    {
        fareHeld = false;
        exposure = Exposure.Order;
        var paid = await ReadPaidHoldAsync();
        return paid is null ? await FlagAsync(FailureCodes.CaptureFailed) : await TakeMoneyAsync(paid);
    }

    /// <summary>
    /// The payment's outcome is unknown: read the order after the first reconcile wait. Paid → take the money; still
    /// held → not paid, so cancel it and release the money; gone → release the money; unreadable → flagged.
    /// </summary>
    private async Task<BookingOutcome> SettleUnknownPaymentAsync()
    {
        exposure = Exposure.MaybeOrder;
        if (input.OrderLookUpDelaysSeconds is [var first, ..] && first > 0)
        {
            await WaitForReportAsync(first);
        }
        HeldFareCheck check;
        try
        {
            check = await context.CallAsync<CheckHeldFareActivity, BookingSagaInput, HeldFareCheck>(input, steps);
        }
        catch (TaskFailedException ex)
        {
            LogLookUpFailed(logger, input.AttemptId, ex.FailureDetails.ErrorType);
            return await FlagAsync(FailureCodes.OrderOutcomeUnknown);
        }
        exposure = Exposure.Hold;
        switch (check.State)
        {
            case HeldFareState.Paid when check.Order is { } order:
                fareHeld = false;
                exposure = Exposure.Order;
                return await TakeMoneyAsync(order);
            case HeldFareState.Gone:
                fareHeld = false;
                return await ReleaseHoldAndEndAsync(FailureCodes.HoldExpired, TripStatus.Watching);
            default:
                return await ReleaseHoldAndEndAsync(FailureCodes.OrderRejected, TripStatus.Watching);
        }
    }

    private async Task<OrderResult?> ReadPaidHoldAsync()
    {
        try
        {
            var check = await context.CallAsync<CheckHeldFareActivity, BookingSagaInput, HeldFareCheck>(input, steps);
            return check is { State: HeldFareState.Paid, Order: { } order } ? order : null;
        }
        catch (TaskFailedException ex)
        {
            LogLookUpFailed(logger, input.AttemptId, ex.FailureDetails.ErrorType);
            return null;
        }
    }

    /// <summary>
    /// Ends the attempt after cancelling its unpaid hold, if it has one. A cancellation that fails (or whose outcome is
    /// unknown) is flagged: the hold costs nothing and lapses at its deadline, and the reconciler tries again.
    /// </summary>
    private async Task<BookingOutcome> CancelHeldFareAndEndAsync(string failureCode, TripStatus tripTo)
    {
        if (fareHeld)
        {
            if (!await TryAsync<CancelOrderActivity>())
            {
                LogHoldCancelFailed(logger, input.AttemptId);
                return await FlagAsync(FailureCodes.HoldCancelFailed);
            }
            fareHeld = false;
        }
        return await EndAttemptAsync(failureCode, tripTo);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: fare held until {PaymentRequiredBy}, price guaranteed until {PriceGuaranteedUntil}")]
    private static partial void LogFareHeld(ILogger logger, Guid attemptId, DateTimeOffset? paymentRequiredBy, DateTimeOffset? priceGuaranteedUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: Duffel refused to hold the fare ({Code}); asking for approval without a hold")]
    private static partial void LogHoldRefused(ILogger logger, Guid attemptId, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: the held fare's price changed to {Total} when paying")]
    private static partial void LogHeldPriceChanged(ILogger logger, Guid attemptId, string total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {AttemptId}: the held fare could not be cancelled for sure; flagged (it lapses at its deadline)")]
    private static partial void LogHoldCancelFailed(ILogger logger, Guid attemptId);
}
