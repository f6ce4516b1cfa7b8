using AutoBooking.Functions.Pipeline;
using AutoBooking.Functions.Stages;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Queues;

/// <summary>
/// The host moves a message here after <c>maxDequeueCount</c> failed deliveries. It is recorded on the trip's
/// audit trail and alerted, never dropped silently.
/// </summary>
public sealed class PoisonMessageFunction(PoisonMessages poison)
{
    [Function("SearchRequestsPoisonFunction")]
    public Task SearchRequests(
        [QueueTrigger("search-requests-poison", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        poison.RecordAsync("search-requests", message, cancellationToken);

    [Function("BookingRequestsPoisonFunction")]
    public Task BookingRequests(
        [QueueTrigger("booking-requests-poison", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        poison.RecordAsync("booking-requests", message, cancellationToken);
}
