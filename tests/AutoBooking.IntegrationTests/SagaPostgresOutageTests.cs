using AutoBooking.IntegrationTests.Support;
using Microsoft.DurableTask.Client;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// PostgreSQL goes down mid-saga, for real (<see cref="PostgresOutage"/>: the test database refuses connections and the
/// app's pooled ones are killed), at the steps where it hurts most: with the hold placed and the order being posted,
/// and right after the money is captured. While it lasts, the saga can neither record nor flag anything; it must still
/// end (never Failed) without moving money blindly. Once the database is back, one reconciler pass settles the attempt
/// from the providers' truth, and the invariants of DESIGN §5 hold. A short blip instead must be ridden out by the
/// saga's own retries.
/// </summary>
public sealed class SagaPostgresOutageTests : IAsyncLifetime
{
    private readonly ReconcilerRig rig = new();
    private PostgresOutage outage = null!;

    public async Task InitializeAsync()
    {
        // Quick step retries and a short settle schedule: the outage outlasts them all in seconds, not minutes.
        rig.Harness.Overrides["Booking:StepMaxAttempts"] = "3";
        rig.Harness.Overrides["Booking:StepFirstRetryMilliseconds"] = "200";
        rig.Harness.Overrides["Booking:StepMaxRetryIntervalSeconds"] = "1";
        rig.Harness.Overrides["Booking:SettleRetryScheduleSeconds"] = "1,1";
        rig.Harness.Overrides["Booking:OrderLookUpScheduleSeconds"] = "0,1";
        await rig.InitializeAsync();
        outage = new PostgresOutage(rig.Harness.DatabaseName, rig.Harness.DatabaseConnectionString);
        rig.Harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
    }

    public async Task DisposeAsync()
    {
        await outage.EndAsync();
        await rig.DisposeAsync();
    }

    [Theory]
    [InlineData(CrashPoint.BeforeOrder)]
    [InlineData(CrashPoint.BeforeCapture)]
    [InlineData(CrashPoint.AfterCapture)]
    public async Task PostgresDownFromAStepUntilTheSagaEnds_SagaCompletes_ThenOneReconcilerPassSettles(CrashPoint from)
    {
        rig.Switch.AtPoint = point => point == from ? outage.BeginAsync() : Task.CompletedTask;
        var tripId = await StartBookingAsync();

        var ended = await WaitForTheSagaAsync();
        await outage.EndAsync();

        Assert.Equal(1, outage.Began);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"The saga ended {ended.RuntimeStatus}: {ended.FailureDetails?.ErrorMessage}");
        rig.LetAnHourPass();
        await rig.RunReconcilerAsync();
        await AssertSettledAsync(tripId);
    }

    [Fact]
    public async Task PostgresBlipsWhileTheOrderIsPosted_SagaRidesItOut_AndBooks()
    {
        rig.Switch.AtPoint = async point =>
        {
            if (point == CrashPoint.BeforeOrder)
            {
                await outage.BeginAsync();
                _ = Task.Delay(TimeSpan.FromMilliseconds(300)).ContinueWith(_ => outage.EndAsync(), TaskScheduler.Default).Unwrap();
            }
        };
        var tripId = await StartBookingAsync();

        var ended = await WaitForTheSagaAsync();

        Assert.Equal(1, outage.Began);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        Assert.Equal("booked", await rig.TripStatusAsync(tripId));
        Assert.Equal("succeeded", await rig.AttemptStatusAsync(tripId));
        await SagaInvariants.AssertTripAsync(rig.Harness.Sandbox.Ledger, rig.Harness.DatabaseConnectionString, tripId);
    }

    private async Task<Guid> StartBookingAsync()
    {
        var tripId = await rig.Harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("outage-" + Guid.NewGuid().ToString("N")));
        await rig.Harness.DrainSearchQueueAsync();
        await rig.Harness.DrainBookingQueueAsync();
        return tripId;
    }

    /// <summary>The harness's engine runs one orchestration: this test's saga. Its id is read from the engine, not the database.</summary>
    private async Task<OrchestrationMetadata> WaitForTheSagaAsync()
    {
        string? instanceId = null;
        await foreach (var instance in rig.Harness.Durable.GetAllInstancesAsync())
        {
            instanceId = instance.InstanceId;
        }
        Assert.NotNull(instanceId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        return await rig.Harness.Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    private async Task AssertSettledAsync(Guid tripId)
    {
        var attempt = await rig.AttemptStatusAsync(tripId);
        Assert.Contains(attempt, new[] { "succeeded", "failed" });
        var trip = await rig.TripStatusAsync(tripId);
        Assert.Equal(attempt == "succeeded", trip == "booked");
        Assert.Contains(trip, new[] { "booked", "watching", "failed" });
        await SagaInvariants.AssertTripAsync(rig.Harness.Sandbox.Ledger, rig.Harness.DatabaseConnectionString, tripId);
    }
}
