using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The saga runs in the in-process Durable engine the way the Functions host runs it: through the trigger adapters of
/// <see cref="BookingTriggers"/>, with inputs and outputs crossing the engine through the worker's own serializer.
/// </summary>
public sealed class SagaThroughTriggersTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public void Engine_SerializesWithTheWorkersDataConverter_TheDurableExtensionsShimOverTheWorkerSerializer()
    {
        var converter = harness.Get<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName).DataConverter;

        Assert.Equal("ObjectConverterShim", converter.GetType().Name);
        Assert.Equal(typeof(Microsoft.Azure.Functions.Worker.Extensions.DurableTask.DurableTaskExtensionStartup).Assembly, converter.GetType().Assembly);
    }

    [Fact]
    public async Task Booking_RunsEveryStepThroughItsTriggerAdapter()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("user-ada"));
        await harness.DrainSearchQueueAsync();
        await harness.DrainBookingQueueAsync();

        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        var invoked = harness.TriggerInvocations.Distinct().ToHashSet();
        Assert.Contains(nameof(BookTripOrchestrator), invoked);
        Assert.Superset(
            new[] { nameof(RepriceOfferActivity), nameof(AuthorizePaymentActivity), nameof(CreateOrderActivity), nameof(CapturePaymentActivity), nameof(RecordBookingActivity) }.ToHashSet(),
            invoked);
        Assert.All(invoked, name => Assert.Contains(name, TriggerAdapters.Triggers().Select(t => t.Name)));
    }

    [Fact]
    public void Triggers_AreExactlyTheListedTasks()
    {
        var triggers = TriggerAdapters.Triggers().Select(t => t.Name).Order().ToList();

        Assert.Equal(BookingTasks.Activities.Select(BookingTasks.NameOf).Append(BookingTasks.Orchestrator.Name).Order(), triggers);
    }
}
