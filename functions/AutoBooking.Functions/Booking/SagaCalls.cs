using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// The saga's only way to call an activity: typed by the activity class, so the name is the class's Durable name
/// (<see cref="BookingTasks.NameOf"/>, the name of its trigger in <see cref="BookingTriggers"/>) and a wrong input or output type fails to compile, because
/// <typeparamref name="TActivity"/> must be a <see cref="SagaActivity{TInput, TOutput}"/> of exactly those types.
/// Two forms, so whether a step may be retried is said at every call: <see cref="CallAsync"/> with the step's retry
/// options, <see cref="CallOnceAsync"/> for posts that must never be repeated (an order, a hold, a hold's payment).
/// </summary>
internal static class SagaCalls
{
    /// <summary>Runs <typeparamref name="TActivity"/> with <paramref name="options"/> (the saga's retry policy).</summary>
    public static Task<TOutput> CallAsync<TActivity, TInput, TOutput>(this TaskOrchestrationContext context, TInput input, TaskOptions options)
        where TActivity : SagaActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return context.CallActivityAsync<TOutput>(BookingTasks.NameOf(typeof(TActivity)), input, options);
    }

    /// <summary>Runs <typeparamref name="TActivity"/> once: no retry policy, whatever it throws.</summary>
    public static Task<TOutput> CallOnceAsync<TActivity, TInput, TOutput>(this TaskOrchestrationContext context, TInput input)
        where TActivity : SagaActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<TOutput>(BookingTasks.NameOf(typeof(TActivity)), input);
    }
}
