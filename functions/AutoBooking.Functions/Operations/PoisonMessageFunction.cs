using AutoBooking.Infrastructure.Options;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Operations;

/// <summary>
/// The host moves a message here after <c>maxDequeueCount</c> failed deliveries. It is recorded on the trip's
/// audit trail and alerted, never dropped silently.
/// </summary>
public sealed class PoisonMessageFunction(PoisonMessages poison)
{
    [Function("SearchRequestsPoisonFunction")]
    public Task SearchRequests(
        [QueueTrigger(QueueNames.SearchRequestsPoison, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        poison.RecordAsync(QueueNames.SearchRequests, message, cancellationToken);

    [Function("BookingRequestsPoisonFunction")]
    public Task BookingRequests(
        [QueueTrigger(QueueNames.BookingRequestsPoison, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        poison.RecordAsync(QueueNames.BookingRequests, message, cancellationToken);
}
