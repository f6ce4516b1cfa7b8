using AutoBooking.Core.Messages;
using AutoBooking.Functions.Monitor;
using AutoBooking.Functions.Reconciliation;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.IntegrationTests.Support;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.MonitorBenchmark;

/// <summary>
/// Drives the monitor's stages as the Functions host would: the sweep timer, the search queue with
/// <see cref="BenchmarkSettings.Workers"/> messages in flight (the host's queue batch), and the booking queue, where each
/// request counts as a booked trip (the trip is marked booked; the saga itself is not run, it is measured elsewhere).
/// </summary>
public sealed class MonitorDriver(PipelineHarness harness, Db db, int workers)
{
    public Task<int> SweepAsync() => harness.Get<MonitorSweepFunction>().Run(new TimerInfo(), CancellationToken.None);

    /// <summary>Delivers every queued search message to the search function, <c>workers</c> at a time; returns how many.</summary>
    public async Task<int> DrainSearchesAsync()
    {
        var function = harness.Get<SearchTripFunction>();
        var delivered = 0;
        await PumpAsync(harness.SearchQueue, async body =>
        {
            await function.Run(body, CancellationToken.None);
            Interlocked.Increment(ref delivered);
        });
        return delivered;
    }

    /// <summary>Takes every booking request and books its trip (status booked); returns the trips booked.</summary>
    public async Task<int> DrainBookingsAsync()
    {
        var trips = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await PumpAsync(harness.BookingQueue, body =>
        {
            trips.Add(StageQueues.Deserialize<BookingRequestMessage>(body).TripId);
            return Task.CompletedTask;
        });
        if (trips.IsEmpty)
        {
            return 0;
        }
        return await db.ScalarAsync<int>("""
            with booked as (update trip_requests set status = 'booked', claim_token = null where id = any(@ids) and status = 'watching' returning 1)
            select count(*)::int from booked
            """, new { ids = trips.Distinct().ToArray() });
    }

    private async Task PumpAsync(QueueClient queue, Func<string, Task> handle)
    {
        while (true)
        {
            var received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (received.Length == 0)
            {
                return;
            }
            await Parallel.ForEachAsync(received, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (message, token) =>
            {
                await handle(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, token);
            });
        }
    }
}
