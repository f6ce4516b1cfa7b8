using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>The trip endpoints: bad input gets a clear 4xx problem and changes nothing; owners only see their own trips.</summary>
public sealed class TripsHttpApiTests : IAsyncLifetime
{
    private static readonly string OtherKey = Convert.ToBase64String("another-key-another-key-another-key!"u8.ToArray());
    private readonly PipelineHarness harness = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    public static TheoryData<string, string?> BadTokens => new()
    {
        { "no token", null },
        { "bad signature", TestTokens.For("user-ada", key: OtherKey) },
        { "expired", TestTokens.For("user-ada", expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "wrong audience", TestTokens.For("user-ada", audience: "someone-else") },
        { "wrong issuer", TestTokens.For("user-ada", issuer: "https://evil.example/") },
        { "not a jwt", "not-a-jwt" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task CreateTrip_WithoutValidToken_Is401AndStoresNothing(string because, string? token)
    {
        var before = await db.RowCountsAsync();

        var result = await harness.CreateTripAsync(TripBodies.Valid(), token!);

        AssertProblem(result, 401, "unauthorized", because);
        Assert.Equal(before, await db.RowCountsAsync());
        Assert.Empty(await harness.PeekAllAsync(harness.SearchQueue));
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task GetTrip_WithoutValidToken_Is401(string because, string? token)
    {
        var tripId = await CreateAsync("user-ada");

        AssertProblem(await harness.GetTripAsync(tripId.ToString(), token!), 401, "unauthorized", because);
    }

    [Fact]
    public async Task GetTrip_AnotherUsersTrip_Is404LikeAMissingOne()
    {
        var tripId = await CreateAsync("user-ada");
        var grace = TestTokens.For("user-grace");

        AssertProblem(await harness.GetTripAsync(tripId.ToString(), grace), 404, "not-found", "other user's trip");
        AssertProblem(await harness.GetTripAsync(Guid.NewGuid().ToString(), grace), 404, "not-found", "missing trip");
        AssertProblem(await harness.GetTripAsync("not-a-guid", grace), 404, "not-found", "malformed id");
        Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), TestTokens.For("user-ada")));
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "lowercase origin", TripBodies.Valid(origin: "lhr"), "/origin" },
        { "four-letter destination", TripBodies.Valid(destination: "JFKX"), "/destination" },
        { "same origin and destination", TripBodies.Valid(destination: "LHR"), "/destination" },
        { "negative price", TripBodies.Valid(maxPrice: -1m), "/maxPrice/amount" },
        { "zero price", TripBodies.Valid(maxPrice: 0m), "/maxPrice/amount" },
        { "absurd price", TripBodies.Valid(maxPrice: 10_000_000m), "/maxPrice/amount" },
        { "sub-cent price", TripBodies.Valid(maxPrice: 100.001m), "/maxPrice/amount" },
        { "bad currency", TripBodies.Valid(currency: "pounds"), "/maxPrice/currency" },
        { "not a payment method id", TripBodies.Valid(paymentMethod: "card_4242"), "/paymentMethod/stripePaymentMethodId" },
        { "past departure", TripBodies.Valid().Replace(TripBodies.Departure, "2020-01-01", StringComparison.Ordinal), "/departureDate" },
        { "script in a name", TripBodies.Valid().Replace("\"Ada\"", "\"<script>alert(1)</script>\"", StringComparison.Ordinal), "/traveler/givenName" },
        { "sql in a name", TripBodies.Valid().Replace("\"Lovelace\"", "\"x'; drop table trip_requests; --\"", StringComparison.Ordinal), "/traveler/familyName" },
        { "phone not E.164", TripBodies.Valid().Replace("+442080160508", "020 8016 0508", StringComparison.Ordinal), "/traveler/phone" },
        { "email without domain", TripBodies.Valid().Replace("ada.lovelace@example.com", "ada@", StringComparison.Ordinal), "/traveler/email" },
        { "alternative origin repeats the origin", TripBodies.With(TripBodies.Valid(), "\"additionalOrigins\": [\"LHR\"]"), "/additionalOrigins" },
        { "too many alternative destinations", TripBodies.With(TripBodies.Valid(), "\"additionalDestinations\": [\"EWR\", \"LGA\", \"BOS\", \"PHL\"]"), "/additionalDestinations" },
        { "window before its start", TripBodies.With(TripBodies.Valid(), "\"latestDepartureDate\": \"2020-01-01\""), "/latestDepartureDate" },
        { "window of 15 days", TripBodies.With(TripBodies.Valid(), $"\"latestDepartureDate\": \"{TripBodies.DepartureDate.AddDays(15):yyyy-MM-dd}\""), "/latestDepartureDate" },
        { "an airport on both sides", TripBodies.With(TripBodies.Valid(), "\"additionalOrigins\": [\"EWR\"], \"additionalDestinations\": [\"EWR\"]"), "/additionalDestinations" },
        { "preferred and excluded at once", TripBodies.With(TripBodies.Valid(), "\"preferredAirlines\": [\"BA\"], \"excludedAirlines\": [\"BA\"]"), "/preferredAirlines" },
        { "stay minimum above maximum", TripBodies.With(TripBodies.Valid(), "\"returnStay\": {\"minNights\": 9, \"maxNights\": 3}"), "/returnStay/maxNights" },
        { "zero-night stay", TripBodies.With(TripBodies.Valid(), "\"returnStay\": {\"minNights\": 0, \"maxNights\": 3}"), "/returnStay/minNights" },
        { "too many searches to rotate over", TripBodies.With(TripBodies.Valid(), $"\"additionalOrigins\": [\"LGW\", \"STN\"], \"latestDepartureDate\": \"{TripBodies.DepartureDate.AddDays(14):yyyy-MM-dd}\", \"returnStay\": {{\"minNights\": 3, \"maxNights\": 10}}"), "/latestDepartureDate" },
        { "a companion without a birth date", TripBodies.With(TripBodies.Valid(), "\"companions\": [{\"title\": \"mr\", \"givenName\": \"Tom\", \"familyName\": \"Lovelace\", \"gender\": \"m\", \"email\": \"t@example.com\", \"phone\": \"+442080160508\"}]"), "/companions/0/bornOn" },
        { "missing traveler", $$$"""{"origin":"LHR","destination":"JFK","departureDate":"{{{TripBodies.Departure}}}","maxPrice":{"amount":500,"currency":"GBP"},"paymentMethod":{"stripeCustomerId":"cus_1","stripePaymentMethodId":"pm_card_visa"}}""", "/traveler" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task CreateTrip_InvalidCriteria_Is400NamingTheFieldAndStoresNothing(string because, string body, string field)
    {
        var before = await db.RowCountsAsync();

        var result = await harness.CreateTripAsync(body, TestTokens.For("user-ada"));

        var problem = AssertProblem(result, 400, "validation", because);
        var validation = Assert.IsType<ValidationProblemDetails>(problem);
        Assert.True(validation.Errors.ContainsKey(field), $"{because}: errors were {string.Join(", ", validation.Errors.Keys)}");
        Assert.Equal(before, await db.RowCountsAsync());
        Assert.Empty(await harness.PeekAllAsync(harness.SearchQueue));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "not json", "this is not json" },
        { "truncated", "{\"origin\": \"LHR\"" },
        { "array", "[1,2,3]" },
        { "null", "null" },
        { "wrong type", TripBodies.Valid().Replace("\"maxConnections\": 1", "\"maxConnections\": \"one\"", StringComparison.Ordinal) },
        { "server-owned field", TripBodies.Valid().Replace("\"cabin\": \"economy\",", "\"cabin\": \"economy\", \"status\": \"booked\",", StringComparison.Ordinal) },
        { "unknown field", TripBodies.Valid().Replace("\"cabin\": \"economy\",", "\"cabin\": \"economy\", \"ownerId\": \"user-grace\",", StringComparison.Ordinal) },
        { "bad date", TripBodies.Valid().Replace(TripBodies.Departure, "31/12/2026", StringComparison.Ordinal) },
        { "comments", "/* hi */" + TripBodies.Valid() },
        { "deep nesting", new string('[', 100) + new string(']', 100) },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task CreateTrip_MalformedJson_Is400AndStoresNothing(string because, string body)
    {
        var before = await db.RowCountsAsync();

        var result = await harness.CreateTripAsync(body, TestTokens.For("user-ada"));

        AssertProblem(result, 400, "malformed-json", because);
        Assert.Equal(before, await db.RowCountsAsync());
    }

    [Fact]
    public async Task CreateTrip_HugeBody_Is413AndStoresNothing()
    {
        var before = await db.RowCountsAsync();
        var huge = TripBodies.Valid().Replace("\"economy\"", "\"" + new string('x', 100_000) + "\"", StringComparison.Ordinal);

        AssertProblem(await harness.CreateTripAsync(huge, TestTokens.For("user-ada")), 413, "payload-too-large", "huge body");
        Assert.Equal(before, await db.RowCountsAsync());
    }

    [Fact]
    public async Task CreateTrip_NotJsonContentType_Is415()
    {
        var request = PipelineHarness.Request("POST", TripBodies.Valid(), TestTokens.For("user-ada"), contentType: "text/plain");

        AssertProblem(await harness.Get<CreateTripFunction>().Run(request, CancellationToken.None), 415, "unsupported-media-type", "text/plain");
    }

    [Fact]
    public async Task CreateTrip_Valid_Is201WatchingAndEnqueuesOneSearch()
    {
        var result = Assert.IsType<CreatedResult>(await harness.CreateTripAsync(TripBodies.Valid(), TestTokens.For("user-ada")));

        var trip = Assert.IsType<TripResponse>(result.Value);
        Assert.Equal("watching", trip.Status);
        Assert.Equal("searching", trip.Stage);
        Assert.Equal($"/api/trips/{trip.Id}", result.Location);
        var message = Assert.Single(await harness.PeekAllAsync(harness.SearchQueue));
        Assert.Contains(trip.Id.ToString(), message, StringComparison.Ordinal);
        Assert.DoesNotContain("Lovelace", message, StringComparison.Ordinal);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from trip_events where kind = 'trip_created'"));
    }

    [Theory]
    [InlineData(KillSwitch.Flag)]
    [InlineData(KillSwitch.FormerFlag)] // its name before the rename: an old runbook must still stop buying
    public async Task CreateTrip_KillSwitchOn_Is503AndStoresNothing(string flag)
    {
        var settings = harness.Settings();
        settings[$"FeatureManagement:{flag}"] = "true";
        using var killed = await harness.StartAsync(settings);
        var before = await db.RowCountsAsync();

        var function = Microsoft.Extensions.DependencyInjection.ActivatorUtilities
            .GetServiceOrCreateInstance<CreateTripFunction>(killed.Services);
        var result = await function.Run(PipelineHarness.Request("POST", TripBodies.Valid(), TestTokens.For("user-ada")), CancellationToken.None);

        AssertProblem(result, 503, "auto-booking-disabled", "kill switch");
        Assert.Equal(before, await db.RowCountsAsync());
        await killed.StopAsync();
    }

    private async Task<Guid> CreateAsync(string userId)
    {
        var created = Assert.IsType<CreatedResult>(await harness.CreateTripAsync(TripBodies.Valid(), TestTokens.For(userId)));
        return Assert.IsType<TripResponse>(created.Value).Id;
    }

    private static ProblemDetails AssertProblem(IActionResult result, int status, string type, string because) =>
        ApiEndpoints.AssertProblem(result, status, type, because);
}
