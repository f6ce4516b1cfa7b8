using System.Net;
using System.Text;
using System.Text.Json;
using AutoBooking.HostTests.Rpc;
using AutoBooking.HostTests.Support;
using AutoBooking.IntegrationTests.Support;
using Azure.Storage.Queues.Models;

namespace AutoBooking.HostTests;

/// <summary>
/// Queue and timer functions invoked over the host protocol with the binding data the host's extensions send: a
/// message received from the real search queue (text plus the queue trigger's metadata) and a TimerInfo. They run
/// against the fixture's database, Redis, Azurite queues and the provider sandbox; the tests check what they did.
/// </summary>
[Collection(HostedWorker.Name)]
public sealed class WorkerQueueAndTimerTests(FunctionsHostFixture host)
{
    [Fact]
    public async Task SearchTrip_QueueMessageFromTheSearchQueue_SearchesTheSandbox_AndRecordsTheCheck()
    {
        // A limit no fare meets: the check records what it saw and schedules the next one (no booking starts). A route
        // of its own, so the search is this trip's alone (trips searching the same thing share one search).
        var tripId = await CreateTripAsync("MAN", "BOS", maxPrice: 1m);
        var message = await ReceiveSearchMessageAsync(tripId, claimed: false);
        var (trigger, metadata) = HostBindings.QueueMessage(message);

        var invocation = await host.InvokeAsync("SearchTripFunction",
            [new ParameterBinding { Name = host.TriggerBinding("SearchTripFunction"), Data = trigger }], metadata);

        Assert.True(invocation.Result.Status == StatusResult.Types.Status.Success, invocation.Result.Exception?.Message + host.Diagnostics());
        // The host deletes a message once its function succeeded.
        await host.SearchQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        var observed = await host.Db.QueryAsync<(int OfferCount, decimal? BestQualifying, decimal? BestOverall)>(
            "select offer_count, best_qualifying_amount, best_overall_amount from price_observations where trip_id = @tripId", new { tripId });
        var observation = Assert.Single(observed);
        Assert.True(observation.OfferCount > 0, "the check saw no offers from the sandbox");
        Assert.Null(observation.BestQualifying);
        Assert.True(observation.BestOverall > 1m, $"best overall price {observation.BestOverall} is not the sandbox's fare");
        var nextCheck = await host.Db.ScalarAsync<DateTime>("select next_check_at from trip_requests where id = @tripId", new { tripId });
        Assert.True(nextCheck > DateTime.UtcNow.AddMinutes(30), $"next check at {nextCheck:O} was not scheduled an interval ahead");
        Assert.DoesNotContain((await host.BookingQueue.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(tripId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task MonitorSweep_TimerFires_ClaimsTheDueTrip_AndQueuesItsSearchUnderTheClaim()
    {
        var tripId = await CreateTripAsync("EDI", "ORD", maxPrice: 1m);
        await DiscardSearchMessageAsync(await ReceiveSearchMessageAsync(tripId, claimed: false));
        await host.Db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute' where id = @tripId", new { tripId });

        var invocation = await host.InvokeAsync("MonitorSweepFunction",
            [new ParameterBinding { Name = host.TriggerBinding("MonitorSweepFunction"), Data = HostBindings.TimerInfo(DateTimeOffset.UtcNow) }],
            new Dictionary<string, TypedData> { ["sys"] = HostBindings.Sys("MonitorSweepFunction") });

        Assert.True(invocation.Result.Status == StatusResult.Types.Status.Success, invocation.Result.Exception?.Message + host.Diagnostics());
        var (claim, nextCheck) = (await host.Db.QueryAsync<(Guid? Claim, DateTime NextCheck)>(
            "select claim_token, next_check_at from trip_requests where id = @tripId", new { tripId })).Single();
        Assert.NotNull(claim);
        Assert.True(nextCheck > DateTime.UtcNow, "the claimed trip's next check was not pushed past its lease");
        var queued = await ReceiveSearchMessageAsync(tripId, claimed: true);
        using var body = JsonDocument.Parse(queued.Body.ToString());
        Assert.Equal(claim, body.RootElement.GetProperty("claimToken").GetGuid());
        await DiscardSearchMessageAsync(queued);
    }

    private async Task<Guid> CreateTripAsync(string origin, string destination, decimal maxPrice)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/trips")
        {
            Content = new StringContent(TripBodies.Valid(origin, destination, maxPrice), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = FunctionsHostFixture.Bearer(TestTokens.For("host-user-" + Guid.NewGuid().ToString("N")[..8]));
        var (response, _) = await host.SendHttpAsync("CreateTripFunction", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}{host.Diagnostics()}");
        using var trip = JsonDocument.Parse(body);
        return trip.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Receives this trip's search message (with or without a sweep's claim token) the way the host's queue listener
    /// does; other tests' messages are left for them (visible again shortly).
    /// </summary>
    private async Task<QueueMessage> ReceiveSearchMessageAsync(Guid tripId, bool claimed)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var received = await host.SearchQueue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1));
            var mine = received.Value.FirstOrDefault(m => IsFor(m, tripId, claimed));
            if (mine is not null)
            {
                return mine;
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException($"No search message for trip {tripId} (claimed: {claimed}) reached {host.SearchQueue.Name}.{host.Diagnostics()}");
    }

    private static bool IsFor(QueueMessage message, Guid tripId, bool claimed)
    {
        using var body = JsonDocument.Parse(message.Body.ToString());
        var root = body.RootElement;
        var hasClaim = root.TryGetProperty("claimToken", out var token) && token.ValueKind != JsonValueKind.Null;
        return root.GetProperty("tripId").GetGuid() == tripId && hasClaim == claimed;
    }

    private async Task DiscardSearchMessageAsync(QueueMessage message) =>
        await host.SearchQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
}
