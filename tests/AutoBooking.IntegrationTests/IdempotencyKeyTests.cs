using System.Text.Json.Nodes;
using AutoBooking.Functions.Api;
using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// <c>Idempotency-Key</c> on creates (trips, traveler profiles) is race-free: 32 simultaneous identical requests with one
/// key make one resource and all answer it; a retry answers the first request's resource (marked replayed) and stores
/// nothing; the key with another body is 422 idempotency-key-reused and stores nothing; a create refused by the limit
/// leaves its key free.
/// </summary>
public sealed class IdempotencyKeyTests(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private const int Simultaneous = 32;

    [Fact]
    public async Task CreateTrip_OneKeyThirtyTwoTimesAtOnce_CreatesOneTripAndAnswersItToEveryRequest()
    {
        var token = TestTokens.For("user-idem-trip-burst");

        var results = await Task.WhenAll(Enumerable.Range(0, Simultaneous).Select(_ => Task.Run(() => CreateTripAsync(TripBodies.Valid(), token, "trip-burst-0001"))));

        var ids = results.Select(r => Assert.IsType<TripResponse>(Assert.IsType<CreatedResult>(r.Result).Value).Id).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(Simultaneous - 1, results.Count(r => r.Replayed));
        var db = new Db(harness.DatabaseConnectionString);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from trip_requests where owner_id = 'user-idem-trip-burst'"));
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from trip_events where kind = 'trip_created' and trip_id = @id", new { id = ids[0] }));
    }

    [Fact]
    public async Task CreateTraveler_OneKeyThirtyTwoTimesAtOnce_CreatesOneProfile()
    {
        var token = TestTokens.For("user-idem-traveler-burst");

        var results = await Task.WhenAll(Enumerable.Range(0, Simultaneous).Select(_ => Task.Run(() => CreateTravelerAsync(TravelerBodies.Valid(), token, "traveler-burst-01"))));

        Assert.Single(results.Select(r => Assert.IsType<TravelerResponse>(Assert.IsType<CreatedResult>(r.Result).Value).Id).Distinct());
        Assert.Equal(1L, await new Db(harness.DatabaseConnectionString).ScalarAsync<long>(
            "select count(*) from travelers where owner_id = 'user-idem-traveler-burst'"));
    }

    [Fact]
    public async Task CreateTrip_RetriedWithTheSameKey_AnswersTheFirstTripAndStoresNothing()
    {
        var token = TestTokens.For("user-idem-retry");
        var first = await CreateTripAsync(TripBodies.Valid(), token, "trip-retry-0001");
        var db = new Db(harness.DatabaseConnectionString);
        var before = await db.RowCountsAsync();

        // The same request, re-serialised (no whitespace): the same request to us.
        var retry = await CreateTripAsync(JsonNode.Parse(TripBodies.Valid())!.ToJsonString(), token, "trip-retry-0001");

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Assert.Equal(Id(first.Result), Id(retry.Result));
        Assert.Equal(before, await db.RowCountsAsync());
    }

    [Fact]
    public async Task CreateTrip_SameKeyAnotherBody_Is422AndStoresNothing()
    {
        var token = TestTokens.For("user-idem-mismatch");
        Assert.IsType<CreatedResult>((await CreateTripAsync(TripBodies.Valid(), token, "trip-mismatch-01")).Result);
        var db = new Db(harness.DatabaseConnectionString);
        var before = await db.RowCountsAsync();

        var other = await CreateTripAsync(TripBodies.Valid(maxPrice: 900m), token, "trip-mismatch-01");
        var otherTraveler = await CreateTravelerAsync(TravelerBodies.Valid(), token, "trip-mismatch-01");
        var againTraveler = await CreateTravelerAsync(TravelerBodies.Valid(givenName: "Ada"), token, "trip-mismatch-01");

        ApiEndpoints.AssertProblem(other.Result, 422, "idempotency-key-reused", "same key, another budget");
        // Keys are per operation: the traveler create made its own profile, and its own key then refuses another body.
        Assert.IsType<CreatedResult>(otherTraveler.Result);
        ApiEndpoints.AssertProblem(againTraveler.Result, 422, "idempotency-key-reused", "same key, another name");
        Assert.Equal(before["trip_requests"], (await db.RowCountsAsync())["trip_requests"]);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from travelers where owner_id = 'user-idem-mismatch'"));
    }

    [Fact]
    public async Task CreateTrip_SameKeyAnotherUser_IsAnotherTrip()
    {
        var ada = await CreateTripAsync(TripBodies.Valid(), TestTokens.For("user-idem-ada"), "shared-key-0001");
        var grace = await CreateTripAsync(TripBodies.Valid(), TestTokens.For("user-idem-grace"), "shared-key-0001");

        Assert.False(grace.Replayed);
        Assert.NotEqual(Id(ada.Result), Id(grace.Result));
    }

    [Fact]
    public async Task CreateTrip_RefusedByTheLimit_LeavesItsKeyFree()
    {
        var token = TestTokens.For("user-idem-limit");
        var trips = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            trips.Add(Id((await CreateTripAsync(TripBodies.Valid(), token, $"limit-key-{i:D4}")).Result));
        }

        ApiEndpoints.AssertProblem((await CreateTripAsync(TripBodies.Valid(), token, "limit-key-extra")).Result, 409, "active-trip-limit", "at the limit");
        Assert.IsType<OkObjectResult>(await harness.Get<TripCommandsFunction>().Cancel(PipelineHarness.Request("POST", token: token), trips[0].ToString(), default));
        var retry = await CreateTripAsync(TripBodies.Valid(), token, "limit-key-extra");

        Assert.False(retry.Replayed);
        Assert.DoesNotContain(Id(retry.Result), trips);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has space in it")]
    [InlineData("key-with-newline\n")]
    public async Task Create_MalformedKey_Is400NamingTheHeader(string key)
    {
        var token = TestTokens.For("user-idem-malformed");

        var trip = ApiEndpoints.AssertProblem((await CreateTripAsync(TripBodies.Valid(), token, key)).Result, 400, "validation", key);
        var traveler = ApiEndpoints.AssertProblem((await CreateTravelerAsync(TravelerBodies.Valid(), token, key)).Result, 400, "validation", key);

        Assert.Contains(IdempotencyKey.Header, Assert.IsType<ValidationProblemDetails>(trip).Errors.Keys);
        Assert.Contains(IdempotencyKey.Header, Assert.IsType<ValidationProblemDetails>(traveler).Errors.Keys);
    }

    private static Guid Id(IActionResult result) => Assert.IsType<TripResponse>(Assert.IsType<CreatedResult>(result).Value).Id;

    [Fact]
    public async Task CreateTrip_RetryWritingTheSameValuesDifferently_IsTheSameRequest_AsForProfiles()
    {
        var token = TestTokens.For("user-idem-normalised");
        var first = await CreateTripAsync(TripBodies.Valid(maxPrice: 500m), token, "trip-normal-0001");
        var db = new Db(harness.DatabaseConnectionString);
        var before = await db.RowCountsAsync();

        // 500.00 for 500, a name with spaces around it (trips refuse a lower-case currency outright): the request the API normalises and stores is the same.
        var rewritten = TripBodies.Valid(maxPrice: 500m)
            .Replace("\"amount\": 500,", "\"amount\": 500.00,", StringComparison.Ordinal)
            .Replace("\"givenName\": \"Ada\"", "\"givenName\": \"  Ada \"", StringComparison.Ordinal);
        Assert.NotEqual(TripBodies.Valid(maxPrice: 500m), rewritten);
        var retry = await CreateTripAsync(rewritten, token, "trip-normal-0001");
        var other = await CreateTripAsync(TripBodies.Valid(maxPrice: 500.01m), token, "trip-normal-0001");

        Assert.True(retry.Replayed, System.Text.Json.JsonSerializer.Serialize((retry.Result as ObjectResult)?.Value));
        Assert.Equal(Id(first.Result), Id(retry.Result));
        ApiEndpoints.AssertProblem(other.Result, 422, "idempotency-key-reused", "same key, another budget");
        Assert.Equal(before, await db.RowCountsAsync());
    }

    private async Task<(IActionResult Result, bool Replayed)> CreateTripAsync(string body, string token, string key)
    {
        var request = WithKey(PipelineHarness.Request("POST", body, token), key);
        var result = await harness.Get<CreateTripFunction>().Run(request, default);
        return (result, request.HttpContext.Response.Headers[IdempotencyKey.ReplayedHeader] == "true");
    }

    private async Task<(IActionResult Result, bool Replayed)> CreateTravelerAsync(string body, string token, string key)
    {
        var request = WithKey(PipelineHarness.Request("POST", body, token), key);
        var result = await harness.Get<TravelersFunction>().Create(request, default);
        return (result, request.HttpContext.Response.Headers[IdempotencyKey.ReplayedHeader] == "true");
    }

    private static HttpRequest WithKey(HttpRequest request, string key)
    {
        request.Headers[IdempotencyKey.Header] = key;
        return request;
    }
}
