using AutoBooking.Core.Booking;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>The saga's retry policy for idempotent steps: only <see cref="TransientFailureException"/> is retried.</summary>
public static class StepRetryPolicy
{
    public static TaskOptions For(StepRetry retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var policy = new RetryPolicy(
            maxNumberOfAttempts: retry.MaxAttempts,
            firstRetryInterval: TimeSpan.FromMilliseconds(retry.FirstIntervalMilliseconds),
            backoffCoefficient: 2,
            maxRetryInterval: TimeSpan.FromSeconds(retry.MaxIntervalSeconds),
            retryTimeout: TimeSpan.FromSeconds(retry.TimeoutSeconds))
        {
            HandleFailure = IsTransient,
        };
        return TaskOptions.FromRetryPolicy(policy);
    }

    /// <summary>True when the step failed transiently (see <see cref="SagaActivity{TInput, TOutput}"/>).</summary>
    public static bool IsTransient(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        // By name first: the type check needs the exception's assembly to be loadable where the orchestrator runs.
        return failure.ErrorType == typeof(TransientFailureException).FullName || failure.IsCausedBy<TransientFailureException>();
    }
}
