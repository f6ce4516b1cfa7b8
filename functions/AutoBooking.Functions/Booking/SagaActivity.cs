using System.Diagnostics;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Resilience;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Base of the saga's activities: a failure that another try may fix, and that nothing below retried already, leaves
/// as a <see cref="TransientFailureException"/> (the original inside), which is what the orchestrator's retry policy
/// retries (<see cref="FailureClassifier"/>). Everything else leaves as it is and is not retried.
/// Each run is a span parented to the trace context its input carries (<see cref="ITraceCarrier"/>): the Durable
/// engine does not carry trace context into activities by itself, so the booking's trace reaches every step this way,
/// under the Functions host and in the in-process engine alike.
/// </summary>
public abstract class SagaActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    public sealed override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var span = AutoBookingTracing.StartFrom("saga " + GetType().Name, ActivityKind.Internal, (input as ITraceCarrier)?.TraceParent)
            ?.SetTag("durable.instance_id", context.InstanceId);
        try
        {
            return await ExecuteAsync(context, input);
        }
        catch (Exception ex) when (ex is not TransientFailureException && FailureClassifier.ShouldRetryStep(ex))
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw new TransientFailureException($"{GetType().Name} failed transiently ({ex.GetType().Name}): {ex.Message}", ex);
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    protected abstract Task<TOutput> ExecuteAsync(TaskActivityContext context, TInput input);
}
