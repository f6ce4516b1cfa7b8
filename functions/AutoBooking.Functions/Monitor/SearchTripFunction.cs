using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Queues;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Monitor;

/// <summary>Queue <c>search-requests</c>: search fares for one trip.</summary>
public sealed class SearchTripFunction(TripSearch search)
{
    [Function(nameof(SearchTripFunction))]
    public Task<SearchOutcome> Run(
        [QueueTrigger(QueueNames.SearchRequests, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        search.SearchAsync(StageQueues.Deserialize<SearchRequestMessage>(message), cancellationToken);
}
