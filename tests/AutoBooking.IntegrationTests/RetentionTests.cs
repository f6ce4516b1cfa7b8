using AutoBooking.Core.Booking;
using AutoBooking.Functions.Api;
using AutoBooking.Functions.Retention;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Retention;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The daily retention job in simulated time (<see cref="ShiftedClock"/>): traveler PII of finished trips goes
/// 90 days after the last possible flight, expired offers after 30 days (never a booked attempt's), raw provider payloads
/// after a week, monitor check events after 90 days (never a booked trip's), batched and idempotent, with figures in
/// the logs; a failing rule does not stop the others.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly ShiftedClock clock = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        harness.Overrides["Retention:BatchSize"] = "2";
        harness.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<FailingRule>();
            services.AddSingleton<IRetentionRule>(sp => sp.GetRequiredService<FailingRule>());
        };
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task TravelerPii_FinishedTrips_AnonymisedTheDayAfterLastFlightPlus90Days_ActiveTripsNever()
    {
        var booked = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(booked)).Kind);
        var cancelledReturn = await harness.CreateTripIdAsync(
            TripBodies.With(TripBodies.Valid(maxPrice: 100m), "\"returnStay\": {\"minNights\": 3, \"maxNights\": 10}"), ada);
        await harness.Get<TripCommandsFunction>().Cancel(PipelineHarness.Request("POST", token: ada), cancelledReturn.ToString(), default);
        Assert.Equal("cancelled", await db.ScalarAsync<string>("select status from trip_requests where id = @cancelledReturn", new { cancelledReturn }));
        var watching = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);

        // The last flight day plus 90 days: still kept.
        clock.Advance(UntilDepartureDay() + TimeSpan.FromDays(90));
        await RunAsync();
        Assert.Empty(await ErasedAsync());

        clock.Advance(TimeSpan.FromDays(1));
        await RunAsync();
        Assert.Equal([booked], await ErasedAsync());
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @booked and kind = 'personal_data_erased' and detail->>'reason' = 'retention'", new { booked }));
        // The booking and its attempt stay (accounting records); the export shows nobody left on the trip.
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from bookings where trip_id = @booked", new { booked }));
        var export = (PersonalDataExportResponse)((OkObjectResult)await harness.Get<PersonalDataFunction>().Export(
            PipelineHarness.Request("GET", token: ada), default)).Value!;
        var exported = Assert.Single(export.Trips, t => t.Id == booked);
        Assert.Empty(exported.Travelers);
        Assert.NotNull(exported.PiiErasedAt);
        Assert.NotNull(exported.Booking);

        // The cancelled return trip's last possible flight is 10 nights later; the watching trip is never touched.
        clock.Advance(TimeSpan.FromDays(10));
        await RunAsync();
        Assert.Equal([booked, cancelledReturn], await ErasedAsync());
        Assert.NotNull(await db.ScalarAsync<string>("select traveler_protected from trip_requests where id = @watching", new { watching }));

        var again = await RunAsync();
        Assert.Equal(0, again["traveler_pii"]);
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from trip_events where kind = 'personal_data_erased'"));
    }

    [Fact]
    public async Task AfterRetention_TheOwnerStillReadsTheBookedTrip_AndAFailedTripCannotBeResumed()
    {
        var booked = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), ada);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(booked)).Kind);
        // A trip whose booking gave up (failed) can be resumed by its owner, until retention anonymises its travelers.
        var declined = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);
        await db.ExecuteAsync("update trip_requests set status = 'failed' where id = @declined", new { declined });
        clock.Advance(UntilDepartureDay() + TimeSpan.FromDays(91));
        await RunAsync();
        var erased = await ErasedAsync();
        Assert.Contains(booked, erased);
        Assert.Contains(declined, erased);

        var trip = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(booked.ToString(), ada)).Value);
        Assert.Equal("booked", trip.Status);
        Assert.Null(trip.Passengers);
        Assert.NotNull(trip.PersonalDataRemovedAt);
        Assert.NotNull(trip.Booking);

        var versionBefore = await db.ScalarAsync<int>("select version from trip_requests where id = @declined", new { declined });
        var refused = await harness.Get<TripCommandsFunction>().Resume(PipelineHarness.Request("POST", token: ada), declined.ToString(), default);
        var problem = ApiEndpoints.AssertProblem(refused, 409, "personal-data-erased", "resume an anonymised trip");
        Assert.Equal("failed", problem.Extensions["currentStatus"]?.ToString());
        Assert.Equal("failed", await db.ScalarAsync<string>("select status from trip_requests where id = @declined", new { declined }));
        Assert.Equal(versionBefore, await db.ScalarAsync<int>("select version from trip_requests where id = @declined", new { declined }));
    }

    [Fact]
    public async Task Batches_ManyDueTrips_AllInOneRunInBatchesWithFiguresLogged()
    {
        for (var i = 0; i < 5; i++)
        {
            var trip = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);
            await harness.Get<TripCommandsFunction>().Cancel(PipelineHarness.Request("POST", token: ada), trip.ToString(), default);
        }
        clock.Advance(UntilDepartureDay() + TimeSpan.FromDays(91));

        var figures = await RunAsync();

        Assert.Equal(5, figures["traveler_pii"]);
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_requests where traveler_protected is not null"));
        // 2 + 2 + 1: the last batch is short, so the rule is done.
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Retention rule traveler_pii: 5 rows in 3 batches", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExpiredOffers_After30Days_DeletedExceptTheOfferABookingUsed()
    {
        var booked = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(booked)).Kind);
        var watching = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);
        await harness.DrainSearchQueueAsync();
        // The watching trip's check stored its search's offers once (search_offers), not as offers of its own.
        const string OffersOfWatchingSearch = "select count(*) from search_offers s join trip_requests t on t.search_key = s.search_key where t.id = @watching";
        Assert.True(await db.ScalarAsync<long>(OffersOfWatchingSearch, new { watching }) > 0);
        var latestExpiry = await db.ScalarAsync<DateTime>(
            "select greatest((select max(expires_at) from offers), (select max(expires_at) from search_offers))");

        clock.Advance(latestExpiry - clock.GetUtcNow().UtcDateTime + TimeSpan.FromDays(29));
        var early = await RunAsync();
        Assert.Equal((0, 0), (early["expired_offers"], early["expired_search_offers"]));

        clock.Advance(TimeSpan.FromDays(2));
        var figures = await RunAsync();

        Assert.True(figures["expired_search_offers"] > 0);
        Assert.Equal(0L, await db.ScalarAsync<long>(OffersOfWatchingSearch, new { watching }));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from search_offers"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from offers o where not exists (select 1 from booking_attempts a where a.offer_id = o.id)"));
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from offers o join booking_attempts a on a.offer_id = o.id where a.trip_id = @booked", new { booked }));
        var again = await RunAsync();
        Assert.Equal((0, 0), (again["expired_offers"], again["expired_search_offers"]));
    }

    [Fact]
    public async Task IdempotencyKeys_After24Hours_Deleted_AndTheKeyAnswersNothingAnyMore()
    {
        var first = PipelineHarness.Request("POST", TripBodies.Valid(maxPrice: 100m), ada);
        first.Headers[IdempotencyKey.Header] = "retention-key-0001";
        Assert.IsType<CreatedResult>(await harness.Get<CreateTripFunction>().Run(first, default));
        const string Keys = "select count(*) from idempotency_keys where idempotency_key = 'retention-key-0001'";

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, (await RunAsync())["expired_idempotency_keys"]);
        Assert.Equal(1L, await db.ScalarAsync<long>(Keys));

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, (await RunAsync())["expired_idempotency_keys"]);
        Assert.Equal(0L, await db.ScalarAsync<long>(Keys));
        // The key is free: another body under it is a new trip, not idempotency-key-reused.
        var reuse = PipelineHarness.Request("POST", TripBodies.Valid(maxPrice: 90m), ada);
        reuse.Headers[IdempotencyKey.Header] = "retention-key-0001";
        Assert.IsType<CreatedResult>(await harness.Get<CreateTripFunction>().Run(reuse, default));
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from trip_requests where owner_id = 'user-ada'"));
    }

    [Fact]
    public async Task RawPayloads_LastSeenLongerAgoThanRawPayloadHours_DroppedFromOffersAndSearchOffers_RowsKept()
    {
        var booked = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(booked)).Kind);
        const string WithRaw = "select (select count(*) from offers where raw is not null) + (select count(*) from search_offers where raw is not null)";
        const string Rows = "select (select count(*) from offers) + (select count(*) from search_offers)";
        Assert.True(await db.ScalarAsync<long>(WithRaw) > 1);
        var rows = await db.ScalarAsync<long>(Rows);

        // Support may still ask within the week (Retention:RawPayloadHours, 168 by default).
        clock.Advance(TimeSpan.FromHours(167));
        Assert.Equal(0, (await RunAsync())["raw_payloads"]);

        clock.Advance(TimeSpan.FromHours(2));
        Assert.True((await RunAsync())["raw_payloads"] > 1);

        Assert.Equal(0L, await db.ScalarAsync<long>(WithRaw));
        // Only the payloads go: the offers (the booked one is a financial record) and the search's offers stay.
        Assert.Equal(rows, await db.ScalarAsync<long>(Rows));
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from offers o join booking_attempts a on a.offer_id = o.id where a.trip_id = @booked", new { booked }));
        Assert.Equal(0, (await RunAsync())["raw_payloads"]);
    }

    [Fact]
    public async Task MonitorEvents_OlderThanMonitorEventDays_Deleted_ExceptABookedTrips_OtherEventsAndTheLatestCheckKept()
    {
        var booked = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(booked)).Kind);
        var watching = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);
        await harness.DrainSearchQueueAsync();
        const string CheckEvents = "select count(*) from trip_events where trip_id = @trip and kind = 'search_completed'";
        Assert.Equal(1L, await db.ScalarAsync<long>(CheckEvents, new { trip = watching }));
        var otherEvents = await db.ScalarAsync<long>("select count(*) from trip_events where kind <> 'search_completed'");

        // Kept for Retention:MonitorEventDays (90 by default).
        clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal(0, (await RunAsync())["monitor_events"]);

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, (await RunAsync())["monitor_events"]);

        Assert.Equal(0L, await db.ScalarAsync<long>(CheckEvents, new { trip = watching }));
        // The booked trip's check explains the offer its money moved for: kept. So are all other events and the latest check.
        Assert.Equal(1L, await db.ScalarAsync<long>(CheckEvents, new { trip = booked }));
        Assert.Equal(otherEvents, await db.ScalarAsync<long>("select count(*) from trip_events where kind <> 'search_completed'"));
        Assert.Equal("none_qualifying", (await harness.LatestCheckAsync(watching))?.Verdict);
        Assert.Equal(0, (await RunAsync())["monitor_events"]);
    }

    [Fact]
    public async Task FailingRule_OtherRulesStillRun_TheRunFailsAndLogsIt()
    {
        var trip = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);
        await harness.Get<TripCommandsFunction>().Cancel(PipelineHarness.Request("POST", token: ada), trip.ToString(), default);
        clock.Advance(UntilDepartureDay() + TimeSpan.FromDays(91));
        harness.Get<FailingRule>().Enabled = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Get<RetentionJob>().RunAsync(default));

        // The other rules ran all the same.
        Assert.Null(await db.ScalarAsync<string>("select traveler_protected from trip_requests where id = @trip", new { trip }));
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Retention rule expired_offers:", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Retention failed for rule failing", StringComparison.Ordinal));
    }

    /// <summary>From the app's clock's day to the test trips' departure day (whatever AB_TEST_DAYS_AHEAD made it).</summary>
    private TimeSpan UntilDepartureDay() =>
        TripBodies.DepartureDate.ToDateTime(TimeOnly.MinValue) - clock.GetUtcNow().UtcDateTime.Date;

    private Task<IReadOnlyDictionary<string, int>> RunAsync() => harness.Get<RetentionJob>().RunAsync(default);

    private Task<List<Guid>> ErasedAsync() =>
        db.QueryAsync<Guid>("select id from trip_requests where pii_erased_at is not null and traveler_protected is null order by created_at");

    /// <summary>A data rule plugged in beside ours (as the monitor's are) that breaks when asked to.</summary>
    public sealed class FailingRule : IRetentionRule
    {
        public bool Enabled { get; set; }

        public string Name => "failing";

        public Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
            Enabled ? throw new InvalidOperationException("broken rule") : Task.FromResult(0);
    }
}
