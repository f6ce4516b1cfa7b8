using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// A sweep drains: it claims batch after batch until nothing is due or its time budget is spent, and each due trip
/// gets exactly one search message carrying its claim.
/// </summary>
public sealed class MonitorDrainTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly SteppingClock clock = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        harness.Overrides["Monitor:BatchSize"] = "5";
        harness.Overrides["Monitor:SweepBudgetSeconds"] = "60";
        harness.ConfigureServices = services => services.AddSingleton<TimeProvider>(clock);
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Sweep_BacklogOfSeveralBatches_ClaimsAndEnqueuesEveryDueTripInOneRun()
    {
        var trips = await CreateDueTripsAsync(23);

        Assert.Equal(23, await harness.RunMonitorSweepAsync());
        Assert.Equal(0, await harness.RunMonitorSweepAsync());

        var messages = await ReceiveAllAsync();
        Assert.Equal(trips.Order(), messages.Select(m => m.TripId).Order());
        var tokens = await db.QueryAsync<Guid>("select claim_token from trip_requests where claim_token is not null");
        Assert.Equal(tokens.Order(), messages.Select(m => m.ClaimToken!.Value).Order());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_requests where next_check_at <= now()"));
    }

    [Fact]
    public async Task Sweep_OutOfTimeBudget_StopsBetweenBatches_AndTheNextSweepTakesTheRest()
    {
        var trips = await CreateDueTripsAsync(30);
        // Every stopwatch reading moves 25 s: the budget (60 s) is spent after the third batch of five.
        clock.Step = TimeSpan.FromSeconds(25);

        Assert.Equal(15, await harness.RunMonitorSweepAsync());
        Assert.Equal(15, await harness.RunMonitorSweepAsync());
        clock.Step = TimeSpan.Zero;
        Assert.Equal(0, await harness.RunMonitorSweepAsync());

        Assert.Equal(trips.Order(), (await ReceiveAllAsync()).Select(m => m.TripId).Order());
    }

    [Fact]
    public async Task Sweep_OneSearchSpreadOverSeveralBatches_EveryDueTripJoinsItsClaim_AndOneRunChecksThemAll()
    {
        for (var i = 0; i < 7; i++)
        {
            await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), TestTokens.For($"user-{i}"));
        }
        await harness.DrainSearchQueueAsync();
        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute'");

        // Batches of five: the second batch's two trips find their search claimed by the first and join that claim.
        Assert.Equal(7, await harness.RunMonitorSweepAsync());
        var message = StageQueues.Deserialize<SearchRequestMessage>(Assert.Single(await harness.PeekAllAsync(harness.SearchQueue)));
        Assert.NotNull(message.SearchKey);
        Assert.Equal(7L, await db.ScalarAsync<long>("select count(*) from trip_requests where claim_token = @token", new { token = message.ClaimToken }));
        await harness.DrainSearchQueueAsync();

        // The window's stored result served the run: no provider search, and every due trip was checked.
        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        Assert.Equal(7L, await db.ScalarAsync<long>("select count(*) from trip_requests where checks_made = 2 and claim_token is null"));
    }

    private async Task<List<Guid>> CreateDueTripsAsync(int count)
    {
        var trips = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            trips.Add(await harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For($"user-{i}")));
        }
        await harness.SearchQueue.ClearMessagesAsync();
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute'");
        return trips;
    }

    private async Task<List<SearchRequestMessage>> ReceiveAllAsync()
    {
        var messages = new List<SearchRequestMessage>();
        while (true)
        {
            var received = (await harness.SearchQueue.ReceiveMessagesAsync(32)).Value;
            if (received.Length == 0)
            {
                return messages;
            }
            messages.AddRange(received.Select(m => StageQueues.Deserialize<SearchRequestMessage>(m.Body.ToString())));
        }
    }
}
