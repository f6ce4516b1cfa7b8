using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Resilience;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Base of the saga's activities: a failure that another try may fix, and that nothing below retried already, leaves
/// as a <see cref="TransientFailureException"/> (the original inside), which is what the orchestrator's retry policy
/// retries (<see cref="FailureClassifier"/>). Everything else leaves as it is and is not retried.
/// </summary>
public abstract class SagaActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    public sealed override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        try
        {
            return await ExecuteAsync(context, input);
        }
        catch (Exception ex) when (ex is not TransientFailureException && FailureClassifier.ShouldRetryStep(ex))
        {
            throw new TransientFailureException($"{GetType().Name} failed transiently ({ex.GetType().Name}): {ex.Message}", ex);
        }
    }

    protected abstract Task<TOutput> ExecuteAsync(TaskActivityContext context, TInput input);
}
