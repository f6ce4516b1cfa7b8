using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// A <see cref="PipelineHarness"/> for reconciliation tests: simulated time (<see cref="Clock"/>), provider switches and
/// crash points (<see cref="Switch"/>), and helpers to leave a booking mid-saga the way a dead worker would.
/// </summary>
public sealed class ReconcilerRig : IAsyncLifetime
{
    public ReconcilerRig()
    {
        Harness.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            Switch.Install(services);
        };
    }

    public PipelineHarness Harness { get; } = new();

    public ShiftedClock Clock { get; } = new();

    public ProviderSwitch Switch { get; } = new();

    public Db Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Harness.InitializeAsync();
        Db = new Db(Harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => Harness.DisposeAsync();

    public Task<ReconcileRunSummary> RunReconcilerAsync() => Harness.Get<AttemptReconciler>().RunAsync(Harness.Durable, CancellationToken.None);

    /// <summary>The instance id of the trip's latest attempt.</summary>
    public Task<string> InstanceOfAsync(Guid tripId) => Db.ScalarAsync<string>(
        "select instance_id from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });

    public Task<string> AttemptStatusAsync(Guid tripId) => Db.ScalarAsync<string>(
        "select status from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });

    public Task<string> TripStatusAsync(Guid tripId) => Db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId });

    /// <summary>
    /// Books a new trip whose worker dies at <paramref name="point"/>: the orchestration is terminated mid-step (what a
    /// host crash or an operator's terminate leaves), and the trip's attempt is left in flight. Returns the trip id.
    /// </summary>
    public async Task<Guid> BookAndCrashAsync(CrashPoint point, string user = "user-ada", string paymentMethod = "pm_card_visa")
    {
        var tripId = await Harness.CreateTripIdAsync(TripBodies.Valid(paymentMethod: paymentMethod), TestTokens.For(user));
        Switch.Crash = point;
        Switch.OnCrash = () => TerminateAsync(tripId);
        await Harness.DrainSearchQueueAsync();
        await Harness.DrainBookingQueueAsync();
        var instanceId = await InstanceOfAsync(tripId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var state = await Harness.Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, state.RuntimeStatus);
        Assert.Equal(CrashPoint.None, Switch.Crash);
        return tripId;
    }

    /// <summary>Terminates the trip's running booking orchestration and waits until the engine says so.</summary>
    public async Task TerminateAsync(Guid tripId)
    {
        var instanceId = await InstanceOfAsync(tripId);
        await Harness.Durable.TerminateInstanceAsync(instanceId, "simulated worker crash");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Harness.Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, timeout.Token);
    }

    /// <summary>Lets time pass beyond every reconciler wait (quiet, order settle, recheck) but well inside a hold's window.</summary>
    public void LetAnHourPass() => Clock.Advance(TimeSpan.FromHours(1));
}
