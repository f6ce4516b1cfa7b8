using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// Every 5 minutes by default (app setting <c>Reconciler:Schedule</c>): settle booking attempts the saga could not,
/// from the providers' own truth. Overlapping runs on several instances claim disjoint attempts.
/// </summary>
public sealed class ReconcileAttemptsFunction(AttemptReconciler reconciler)
{
    [Function(nameof(ReconcileAttemptsFunction))]
    public async Task<int> Run([TimerTrigger("%Reconciler:Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        (await reconciler.RunAsync(durable, cancellationToken)).Settled;
}
