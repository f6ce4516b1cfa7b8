using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Notifications;

/// <summary>
/// Every minute by default (app setting <c>Outbox:Schedule</c>): send the traveler emails that are due, retry the
/// ones that failed, alert what is overdue. Safe with several instances (rows are leased).
/// </summary>
public sealed class DeliverOutboxFunction(OutboxDispatcher dispatcher)
{
    [Function(nameof(DeliverOutboxFunction))]
    public Task<OutboxDelivery> Run([TimerTrigger("%Outbox:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DeliverDueAsync(cancellationToken);
}
