using System.Diagnostics;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Messages;
using AutoBooking.Functions.Booking;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Redis;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AutoBooking.Functions.Operations;
using AutoBooking.Infrastructure.Options;


namespace AutoBooking.Functions.BookingStart;

/// <summary>
/// Begins a booking attempt and schedules its orchestration. At most one booking per trip holds through
/// three layers: a short Redis lock, a compare-and-set watching → booking with a unique active-attempt index
/// in Postgres, and an orchestration instance id derived from the trip and attempt number.
/// </summary>
public sealed partial class BookingStarter(
    BookingRepository bookings, TripRepository trips, TripLock tripLock, KillSwitch killSwitch, IOptions<BookingOptions> bookingOptions, TimeProvider clock,
    ILogger<BookingStarter> logger)
{
    public async Task<StartOutcome> StartAsync(BookingRequestMessage message, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(durable);
        using var span = AutoBookingTracing.StartFrom("start booking", ActivityKind.Consumer, message.TraceParent)
            ?.SetTag(AutoBookingTracing.TripIdTag, message.TripId);
        if (!await killSwitch.AllowsBuyingAsync())
        {
            LogIgnored(logger, message.TripId, "kill switch on");
            return StartOutcome.Ignored;
        }

        await using var held = await tripLock.TryAcquireAsync(message.TripId);
        if (held is null)
        {
            LogIgnored(logger, message.TripId, "start lock held elsewhere");
            return StartOutcome.Busy;
        }

        var begun = await bookings.BeginAsync(message.TripId, message.OfferId, message.CorrelationId, clock.GetUtcNow(), cancellationToken);
        if (begun.Attempt is null)
        {
            LogNotBegun(logger, message.TripId, begun.Outcome, begun.TripStatus);
            return StartOutcome.Ignored;
        }

        // An attempt that is already active may still lack its orchestration if a previous start died between
        // the commit and the scheduling; schedule it then, otherwise this message is a duplicate.
        var attempt = begun.Attempt;
        if (await durable.GetInstanceAsync(attempt.InstanceId, cancellationToken) is not null)
        {
            LogDuplicate(logger, message.TripId, attempt.InstanceId);
            return StartOutcome.AlreadyRunning;
        }
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(BookTripOrchestrator),
            new BookingSagaInput(attempt.Id, attempt.TripId, attempt.CorrelationId, bookingOptions.Value.OrderLookUpDelays(),
                (await trips.GetAsync(attempt.TripId, cancellationToken))?.ApprovalRequired == true ? bookingOptions.Value.ApprovalTimeoutSeconds : null,
                bookingOptions.Value.AuthenticationTimeoutSeconds, bookingOptions.Value.StepRetries(), AutoBookingTracing.CurrentTraceParent),
            new StartOrchestrationOptions(attempt.InstanceId),
            cancellationToken);
        LogStarted(logger, message.TripId, attempt.Id, attempt.InstanceId);
        return StartOutcome.Started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking request for trip {TripId} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, Guid tripId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking request for trip {TripId} ignored: {Outcome}, trip status {Status}")]
    private static partial void LogNotBegun(ILogger logger, Guid tripId, BeginAttemptOutcome outcome, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking request for trip {TripId} is a duplicate of running instance {InstanceId}")]
    private static partial void LogDuplicate(ILogger logger, Guid tripId, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trip {TripId}: attempt {AttemptId} started as {InstanceId}")]
    private static partial void LogStarted(ILogger logger, Guid tripId, Guid attemptId, string instanceId);
}
