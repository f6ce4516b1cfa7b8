using System.Net;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Notifications;

/// <summary>
/// Sends the outbox's traveler emails through Resend (<see cref="INotificationSender"/>), exactly once per row:
/// rows are claimed under a lease (safe with several senders), each send carries the row's dedupe key as Resend's
/// idempotency key (a resend after a lost answer is the same email), and only the lease holder settles the row.
/// A failed send is retried with exponential backoff until Resend accepts it; a permanent error (400/422) or a row
/// older than Resend's idempotency window is given up and alerted; a row unsent past the alert threshold is alerted.
/// <para>
/// Two callers: the timer (every minute, <see cref="DeliverDueAsync"/>), which is what correctness rests on, and the
/// state changes themselves (<see cref="TryDeliverNowAsync"/>), a best-effort send right after their transaction so
/// the happy path is not a minute late.
/// </para>
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxRepository outbox, TravelerEmails emails, INotificationSender sender, IOptions<OutboxOptions> options, TimeProvider clock,
    AutoBookingMetrics metrics, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Bounds one timer pass (batches of Outbox:BatchSize) so it ends well inside the function timeout.</summary>
    private const int MaxBatchesPerPass = 20;

    /// <summary>Alerts what is overdue, then sends every due row (in batches).</summary>
    public async Task<OutboxDelivery> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var done = OutboxDelivery.None with { Overdue = await AlertOverdueAsync(cancellationToken) };
        for (var batch = 0; batch < MaxBatchesPerPass; batch++)
        {
            var claimed = await outbox.ClaimDueAsync(clock.GetUtcNow(), TimeSpan.FromSeconds(settings.LeaseSeconds), settings.BatchSize, null,
                cancellationToken);
            done = done.Add(await DeliverAsync(claimed, cancellationToken));
            if (claimed.Count < settings.BatchSize)
            {
                break;
            }
        }
        return done;
    }

    /// <summary>
    /// Best effort, right after a state change committed: sends the attempt's due emails now. Never throws and is
    /// bounded in time; whatever it does not finish, the timer sends.
    /// </summary>
    public async Task TryDeliverNowAsync(Guid attemptId)
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.ImmediateSendTimeoutSeconds), clock);
        try
        {
            var claimed = await outbox.ClaimDueAsync(clock.GetUtcNow(), TimeSpan.FromSeconds(settings.LeaseSeconds), settings.BatchSize,
                attemptId, timeout.Token);
            await DeliverAsync(claimed, timeout.Token);
        }
        catch (Exception ex)
        {
            // The rows stay pending (or leased until their lease runs out): the timer sends them.
            LogImmediateSendFailed(logger, attemptId, ex.GetType().Name);
        }
    }

    private async Task<OutboxDelivery> DeliverAsync(IReadOnlyList<OutboxMessage> claimed, CancellationToken cancellationToken)
    {
        var done = OutboxDelivery.None;
        foreach (var message in claimed)
        {
            done = done.Add(await DeliverAsync(message, cancellationToken));
        }
        return done;
    }

    private async Task<OutboxDelivery> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (clock.GetUtcNow() - message.CreatedAt >= TimeSpan.FromHours(settings.GiveUpAfterHours))
        {
            // Resend forgets idempotency keys after 24 hours: a send now could duplicate one whose acceptance we never heard.
            return await GiveUpAsync(message, "unsent_past_idempotency_window");
        }
        try
        {
            var rendered = await emails.RenderAsync(message, cancellationToken);
            if (rendered.SkipReason is { } reason)
            {
                await outbox.EndAsync(message, dead: false, reason, CancellationToken.None);
                await emails.RecordOutcomeAsync(message, reason, CancellationToken.None);
                LogSkipped(logger, message.Id, message.Kind, message.TripId, reason);
                return OutboxDelivery.None with { Skipped = 1 };
            }
            var providerId = await sender.SendAsync(rendered.Message!, message.DedupeKey, cancellationToken);
            return await SentAsync(message, providerId);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // The key was used with another body: this event's email was accepted before (its answer was lost, and a
            // fact in it changed since, e.g. the trip's status). It went out; do not send another.
            LogSentBefore(logger, message.Id, message.Kind);
            return await SentAsync(message, null);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            // Resend will refuse this request however often it is sent (validation): retrying only hides it.
            return await GiveUpAsync(message, ErrorCode(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await RetryLaterAsync(message, ErrorCode(ex));
        }
        catch (OperationCanceledException)
        {
            // Cut short (the immediate send's time bound, or shutdown): due again at once, for the next pass.
            await outbox.RetryLaterAsync(message, clock.GetUtcNow(), "cancelled", CancellationToken.None);
            throw;
        }
    }

    private async Task<OutboxDelivery> SentAsync(OutboxMessage message, string? providerId)
    {
        await outbox.MarkSentAsync(message, providerId, clock.GetUtcNow(), CancellationToken.None);
        await emails.RecordOutcomeAsync(message, null, CancellationToken.None);
        metrics.EmailSent(message.Kind);
        LogSent(logger, message.Id, message.Kind, message.TripId, message.SendCount);
        return OutboxDelivery.None with { Sent = 1 };
    }

    private async Task<OutboxDelivery> RetryLaterAsync(OutboxMessage message, string error)
    {
        var next = clock.GetUtcNow() + options.Value.RetryDelay(Math.Max(1, message.SendCount));
        await outbox.RetryLaterAsync(message, next, error, CancellationToken.None);
        metrics.EmailSendFailed(message.Kind, error);
        LogRetrying(logger, message.Id, message.Kind, message.TripId, message.SendCount, error, next);
        return OutboxDelivery.None with { Retrying = 1 };
    }

    private async Task<OutboxDelivery> GiveUpAsync(OutboxMessage message, string error)
    {
        await outbox.EndAsync(message, dead: true, error, CancellationToken.None);
        metrics.EmailDead(message.Kind);
        LogDead(logger, message.Id, message.Kind, message.TripId, error, message.SendCount);
        return OutboxDelivery.None with { Dead = 1 };
    }

    private async Task<int> AlertOverdueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var threshold = TimeSpan.FromMinutes(options.Value.AlertAfterMinutes);
        var overdue = await outbox.ClaimOverdueAsync(now - threshold, now, 100, cancellationToken);
        foreach (var message in overdue)
        {
            metrics.EmailOverdue(message.Kind);
            LogOverdue(logger, message.Id, message.Kind, message.TripId, (int)(now - message.CreatedAt).TotalMinutes, message.SendCount,
                message.LastError ?? "none");
        }
        return overdue.Count;
    }

    /// <summary>A code for the row and the logs: the HTTP status or the exception type, never a message (it could carry an address).</summary>
    private static string ErrorCode(Exception ex) =>
        ex is HttpRequestException { StatusCode: { } status } ? $"http_{(int)status}" : ex.GetType().Name;

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {OutboxId} ({Kind}) of trip {TripId} sent (try {SendCount})")]
    private static partial void LogSent(ILogger logger, Guid outboxId, string kind, Guid tripId, int sendCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {OutboxId} ({Kind}) was accepted by Resend before; not sent again")]
    private static partial void LogSentBefore(ILogger logger, Guid outboxId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {OutboxId} ({Kind}) of trip {TripId} not sent: {Reason}")]
    private static partial void LogSkipped(ILogger logger, Guid outboxId, string kind, Guid tripId, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Email {OutboxId} ({Kind}) of trip {TripId} not sent (try {SendCount}, {Error}); next try at {NextAttemptAt}")]
    private static partial void LogRetrying(ILogger logger, Guid outboxId, string kind, Guid tripId, int sendCount, string error,
        DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Immediate send of attempt {AttemptId}'s emails failed ({Error}); the outbox timer sends them")]
    private static partial void LogImmediateSendFailed(ILogger logger, Guid attemptId, string error);

    // Alerts (README runbook: "Traveler email unsent").
    [LoggerMessage(EventId = Alerts.EmailGivenUp.Id, Level = Alerts.EmailGivenUp.Level, Message = Alerts.EmailGivenUp.Message)]
    private static partial void LogDead(ILogger logger, Guid outboxId, string kind, Guid tripId, string error, int sendCount);

    [LoggerMessage(EventId = Alerts.EmailOverdue.Id, Level = Alerts.EmailOverdue.Level, Message = Alerts.EmailOverdue.Message)]
    private static partial void LogOverdue(ILogger logger, Guid outboxId, string kind, Guid tripId, int minutes, int sendCount, string error);
}
