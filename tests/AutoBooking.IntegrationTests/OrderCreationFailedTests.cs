using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Duffel accepts an order (202) and later reports <c>order.creation_failed</c> by signed webhook: the saga's
/// reconciliation finds no order, sees the report, releases the hold and watches again. No operator needed,
/// no second order posted, nothing captured.
/// </summary>
public sealed class OrderCreationFailedTests : IAsyncLifetime
{
    // Look-ups spread over ~10 s so the asynchronous webhook lands well inside them even on a slow machine.
    private readonly PipelineHarness harness = new()
    {
        ConfigureServices = services => services.PostConfigure<Infrastructure.Options.BookingOptions>(o => o.OrderLookUpScheduleSeconds = "0,1,3,6"),
    };
    private WebhookForwarder forwarder = null!;
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        forwarder = await WebhookForwarder.StartAsync(harness);
        harness.Sandbox.Webhooks.Configure(forwarder.Url, PipelineHarness.DuffelWebhookSecret, null);
    }

    public async Task DisposeAsync()
    {
        harness.Sandbox.Webhooks.Disable();
        await forwarder.DisposeAsync();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task AcceptedThenFailed_ReleasesTheHold_AndTheTripWatchesAgain()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        harness.Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.AcceptedThenFailed);

        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("user-ada"));
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.NotBooked, outcome.Kind);
        Assert.Equal(FailureCodes.OrderRejected, outcome.FailureCode);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        var payment = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("canceled", payment.Status);
        Assert.Equal(0, payment.CaptureCount);
        Assert.Equal(1, harness.Sandbox.Ledger.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/air/orders", StringComparison.Ordinal)));
        Assert.Equal("watching", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'duffel_order.creation_failed'", new { tripId }));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains("ALERT ", StringComparison.Ordinal));
    }
}
