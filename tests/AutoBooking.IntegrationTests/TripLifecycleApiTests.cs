using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>Pause, resume, cancel, listing, history and the active-trip limit, through the HTTP functions.</summary>
public sealed class TripLifecycleApiTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        harness.Overrides["Api:MaxActiveTripsPerUser"] = "3";
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task PauseResumeCancel_FollowTheStatusMachine_AndIllegalMovesAre409WithCurrentStatus()
    {
        var trip = await CreateAsync();

        Assert.Equal("paused", (await CommandAsync("pause", trip.Id)).Status);
        ApiEndpoints.AssertProblem(await RawCommandAsync("pause", trip.Id), 409, "illegal-transition", "pause twice");
        var resumed = await CommandAsync("resume", trip.Id);
        Assert.Equal("watching", resumed.Status);
        Assert.NotNull(resumed.NextCheckAt);
        Assert.Equal("cancelled", (await CommandAsync("cancel", trip.Id)).Status);

        var problem = ApiEndpoints.AssertProblem(await RawCommandAsync("resume", trip.Id), 409, "illegal-transition", "resume cancelled");
        Assert.Equal("cancelled", problem.Extensions["currentStatus"]?.ToString());
        var kinds = await db.QueryAsync<string>(
            "select from_status || '>' || to_status from trip_events where trip_id = @Id and kind = 'status_changed' order by id", new { trip.Id });
        Assert.Equal(["watching>paused", "paused>watching", "watching>cancelled"], kinds);
    }

    [Fact]
    public async Task Commands_WithStaleIfMatch_Are412AndChangeNothing()
    {
        var trip = await CreateAsync();
        var stale = ETags.For(trip.Version);
        await CommandAsync("pause", trip.Id, stale);

        ApiEndpoints.AssertProblem(await RawCommandAsync("resume", trip.Id, stale), 412, "version-mismatch", "stale etag");
        ApiEndpoints.AssertProblem(await RawCommandAsync("cancel", trip.Id, "\"not-a-version\""), 412, "version-mismatch", "garbage etag");
        Assert.Equal("paused", await db.ScalarAsync<string>("select status from trip_requests where id = @Id", new { trip.Id }));
        Assert.Equal("watching", (await CommandAsync("resume", trip.Id, ETags.For(trip.Version + 1))).Status);
    }

    [Fact]
    public async Task Cancel_WhileBooking_Is409()
    {
        var trip = await CreateAsync();
        await db.ExecuteAsync("update trip_requests set status = 'booking' where id = @Id", new { trip.Id });

        ApiEndpoints.AssertProblem(await RawCommandAsync("cancel", trip.Id), 409, "illegal-transition", "cancel while booking");
    }

    [Fact]
    public async Task PausedTrip_IsNotSearchedNorBooked()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
        var trip = await CreateAsync();
        await CommandAsync("pause", trip.Id);

        Assert.Equal([Functions.Monitor.SearchOutcome.Skipped], await harness.DrainSearchQueueAsync());
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute'");
        Assert.Equal(0, await harness.RunMonitorSweepAsync());
        Assert.Empty(harness.Sandbox.Ledger.OfferRequests);
    }

    [Fact]
    public async Task ActiveTripLimit_FourthActiveTrip_Is409_CancelledOnesDoNotCount()
    {
        var first = await CreateAsync();
        await CreateAsync();
        await CreateAsync();

        ApiEndpoints.AssertProblem(await harness.CreateTripAsync(TripBodies.Valid(), ada), 409, "active-trip-limit", "fourth trip");
        await CommandAsync("cancel", first.Id);
        Assert.IsType<CreatedResult>(await harness.CreateTripAsync(TripBodies.Valid(), ada));
        Assert.Equal(4L, await db.ScalarAsync<long>("select count(*) from trip_requests"));
    }

    [Fact]
    public async Task ListTrips_PagesNewestFirst()
    {
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await CreateAsync()).Id);
        }

        var first = await ListAsync("?limit=2");
        var second = await ListAsync($"?limit=2&cursor={first.NextCursor}");

        Assert.Equal([created[2], created[1]], first.Items.Select(t => t.Id));
        Assert.Equal([created[0]], second.Items.Select(t => t.Id));
        Assert.Null(second.NextCursor);
        ApiEndpoints.AssertProblem(await harness.Get<ListTripsFunction>().Run(Query("?limit=1000"), default), 400, "validation", "limit");
        ApiEndpoints.AssertProblem(await harness.Get<ListTripsFunction>().Run(Query("?cursor=abc"), default), 400, "validation", "cursor");
    }

    [Fact]
    public async Task History_ShowsPriceObservationsAndEventsWithoutPii()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 650m, "GBP");
        var trip = await CreateAsync();
        await harness.DrainSearchQueueAsync();

        var prices = (IReadOnlyList<PriceObservationResponse>)((OkObjectResult)await harness.Get<TripHistoryFunction>()
            .Prices(PipelineHarness.Request("GET", token: ada), trip.Id.ToString(), default)).Value!;
        var events = (IReadOnlyList<TripEventResponse>)((OkObjectResult)await harness.Get<TripHistoryFunction>()
            .Events(PipelineHarness.Request("GET", token: ada), trip.Id.ToString(), default)).Value!;
        var read = (TripResponse)((OkObjectResult)await harness.GetTripAsync(trip.Id.ToString(), ada)).Value!;

        var observation = Assert.Single(prices);
        Assert.Equal(650m, observation.BestOverall);
        Assert.Null(observation.BestQualifying);
        Assert.Equal(["trip_created", "search_completed"], events.Select(e => e.Kind));
        Assert.DoesNotContain(events, e => e.Detail?.ToString().Contains("Lovelace", StringComparison.Ordinal) == true);
        Assert.Equal("watching_prices", read.Stage);
        Assert.Equal(650m, read.BestPriceSoFar?.Amount);
        Assert.Contains("650.00 GBP", read.LatestSearch?.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateCriteria_WhileWatching_ChangesOnlyWhatWasSentAndChecksAgain()
    {
        var trip = await CreateAsync();
        var request = PipelineHarness.Request("PATCH", """{"maxPrice":{"amount":750.50,"currency":"GBP"},"maxConnections":0}""", ada);
        request.Headers.IfMatch = ETags.For(trip.Version);

        var updated = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(
            await harness.Get<UpdateTripFunction>().Run(request, trip.Id.ToString(), default)).Value);

        Assert.Equal(750.50m, updated.MaxPrice.Amount);
        Assert.Equal(0, updated.MaxConnections);
        Assert.Equal(trip.Origin, updated.Origin);
        Assert.Equal(trip.DepartureDate, updated.DepartureDate);
        Assert.Equal(trip.Version + 1, updated.Version);
        Assert.True(updated.NextCheckAt <= DateTimeOffset.UtcNow);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from trip_events where kind = 'criteria_updated'"));
    }

    public static TheoryData<string, string, int, string> BadUpdates => new()
    {
        { "invalid criteria", """{"origin":"xx"}""", 400, "validation" },
        { "same origin and destination", """{"destination":"LHR"}""", 400, "validation" },
        { "server-owned field", """{"status":"booked"}""", 400, "malformed-json" },
        { "traveler cannot change here", """{"traveler":{}}""", 400, "malformed-json" },
        { "not json", "nope", 400, "malformed-json" },
    };

    [Theory]
    [MemberData(nameof(BadUpdates))]
    public async Task UpdateCriteria_BadInput_IsRefusedAndChangesNothing(string because, string body, int status, string type)
    {
        var trip = await CreateAsync();
        var before = await db.QueryAsync<string>("select row_to_json(t)::text from trip_requests t");

        var result = await harness.Get<UpdateTripFunction>().Run(PipelineHarness.Request("PATCH", body, ada), trip.Id.ToString(), default);

        ApiEndpoints.AssertProblem(result, status, type, because);
        Assert.Equal(before, await db.QueryAsync<string>("select row_to_json(t)::text from trip_requests t"));
    }

    [Fact]
    public async Task UpdateCriteria_WhenNotWatchingOrPausedOrStale_IsRefused()
    {
        var trip = await CreateAsync();
        var stale = PipelineHarness.Request("PATCH", """{"maxConnections":2}""", ada);
        stale.Headers.IfMatch = ETags.For(trip.Version + 1);
        ApiEndpoints.AssertProblem(await harness.Get<UpdateTripFunction>().Run(stale, trip.Id.ToString(), default), 412, "version-mismatch", "stale");

        await CommandAsync("pause", trip.Id);
        Assert.IsType<OkObjectResult>(await harness.Get<UpdateTripFunction>().Run(
            PipelineHarness.Request("PATCH", """{"maxConnections":2}""", ada), trip.Id.ToString(), default));

        await CommandAsync("cancel", trip.Id);
        var problem = ApiEndpoints.AssertProblem(await harness.Get<UpdateTripFunction>().Run(
            PipelineHarness.Request("PATCH", """{"maxConnections":3}""", ada), trip.Id.ToString(), default), 409, "illegal-transition", "cancelled");
        Assert.Equal("cancelled", problem.Extensions["currentStatus"]?.ToString());
    }

    private async Task<TripResponse> CreateAsync() =>
        (TripResponse)((CreatedResult)await harness.CreateTripAsync(TripBodies.Valid(), ada)).Value!;

    private async Task<TripResponse> CommandAsync(string command, Guid id, string? ifMatch = null)
    {
        var result = Assert.IsType<OkObjectResult>(await RawCommandAsync(command, id, ifMatch));
        return Assert.IsType<TripResponse>(result.Value);
    }

    private Task<IActionResult> RawCommandAsync(string command, Guid id, string? ifMatch = null)
    {
        var request = PipelineHarness.Request("POST", token: ada);
        if (ifMatch is not null)
        {
            request.Headers.IfMatch = ifMatch;
        }
        var function = harness.Get<TripCommandsFunction>();
        return command switch
        {
            "pause" => function.Pause(request, id.ToString(), default),
            "resume" => function.Resume(request, id.ToString(), default),
            _ => function.Cancel(request, id.ToString(), default),
        };
    }

    private async Task<PageResponse<TripSummaryResponse>> ListAsync(string query)
    {
        var result = Assert.IsType<OkObjectResult>(await harness.Get<ListTripsFunction>().Run(Query(query), default));
        return Assert.IsType<PageResponse<TripSummaryResponse>>(result.Value);
    }

    private Microsoft.AspNetCore.Http.HttpRequest Query(string query)
    {
        var request = PipelineHarness.Request("GET", token: ada);
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
        return request;
    }
}
