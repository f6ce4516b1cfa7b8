using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AutoBooking.Functions.BookingStart;

/// <summary>Queue <c>booking-requests</c>: begin an attempt and start its booking orchestration.</summary>
public sealed class StartBookingFunction(BookingStarter starter)
{
    [Function(nameof(StartBookingFunction))]
    public Task<StartOutcome> Run(
        [QueueTrigger(QueueNames.BookingRequests, Connection = "AzureWebJobsStorage")] string message,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        starter.StartAsync(StageQueues.Deserialize<BookingRequestMessage>(message), durable, cancellationToken);
}
