using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Every pipeline reader of a trip's travelers meets erased ones (issue 19, item 2). Erasure and retention never leave
/// an active trip without travelers; should one slip through (a bug, a hand edit), the monitor ends it without
/// searching (cancelled, reason personal_data_erased), the saga ends an attempt before any money moves (trip failed, never
/// watching again) and holds no fare, and the traveler email is skipped rather than sent to nobody.
/// </summary>
public sealed class ErasedTravelersTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada-erased");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.PinFare("JFK", 400m);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task WatchingTripWithErasedTravelers_TheMonitorEndsIt_WithoutSearching()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), ada);
        await EraseTravelersAsync(tripId);

        Assert.Equal([SearchOutcome.Skipped], await harness.DrainSearchQueueAsync());

        Assert.Equal("cancelled", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and detail->>'reason' = 'personal_data_erased'", new { tripId }));
        Assert.Empty(harness.Sandbox.Ledger.OfferRequests);
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
    }

    [Fact]
    public async Task TravelersErasedAfterTheOfferWasChosen_TheSagaEndsItBeforeAnyMoneyMoves_AndTheEmailIsSkipped()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), ada);
        Assert.Equal([SearchOutcome.BookingRequested], await harness.DrainSearchQueueAsync());
        await EraseTravelersAsync(tripId);

        await harness.DrainBookingQueueAsync();
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.PersonalDataErased, outcome.FailureCode);
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        Assert.Equal("failed", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
        await harness.DeliverOutboxUntilSettledAsync();
        Assert.Empty(harness.Sandbox.Ledger.Emails);
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "select count(*) from outbox_messages where trip_id = @tripId and status <> 'skipped'", new { tripId }));
    }

    [Fact]
    public async Task ApprovalModeTripWithErasedTravelers_NothingIsHeld()
    {
        var body = TripBodies.With(TripBodies.With(TripBodies.Valid(maxPrice: 500m), "\"approvalRequired\": true"), "\"includedAirlines\": [\"AA\"]");
        var tripId = await harness.CreateTripIdAsync(body, ada);
        await harness.DrainSearchQueueAsync();
        await EraseTravelersAsync(tripId);

        await harness.DrainBookingQueueAsync();
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'approval_requested'", new { tripId }) > 0, "the approval request");

        // The fare is not held for a trip with nobody to fly on it.
        Assert.Empty(harness.Sandbox.Ledger.Orders);
    }

    /// <summary>What erasure does to a trip's travelers, applied to a trip it would never touch while active.</summary>
    private Task EraseTravelersAsync(Guid tripId) => db.ExecuteAsync(
        "update trip_requests set traveler_protected = null, companions_protected = null, pii_erased_at = now() where id = @tripId", new { tripId });
}
