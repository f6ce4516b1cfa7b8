using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Every endpoint × every kind of bad credential answers 401; every by-id endpoint × another user's resource
/// answers 404; and the other user's data is unchanged afterwards.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.AdaWorld world) : IClassFixture<AuthorizationMatrixTests.AdaWorld>
{
    private static readonly string OtherKey = Convert.ToBase64String("another-key-another-key-another-key!"u8.ToArray());
    private readonly PipelineHarness harness = world.Harness;
    private readonly Db db = world.Db;

    private ApiEndpoints.Targets AdaIds => world.Ids;

    /// <summary>One user with one of everything (a booked trip, a traveler, a saved card), shared by the matrix: no case may change it.</summary>
    public sealed class AdaWorld : IAsyncLifetime
    {
        public PipelineHarness Harness { get; } = new();

        public Db Db { get; private set; } = null!;

        public ApiEndpoints.Targets Ids { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var harness = Harness;
            await harness.InitializeAsync();
            Db = new Db(harness.DatabaseConnectionString);
            var db = Db;
            harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
            var adaTrip = await harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("user-ada"));
            Assert.Equal(Core.Booking.BookingOutcomeKind.Booked, (await harness.RunBookingAsync(adaTrip)).Kind);
            var adaBooking = await db.ScalarAsync<Guid>("select id from bookings where trip_id = @adaTrip", new { adaTrip });
            var traveler = await harness.Get<Functions.Account.TravelersFunction>().Create(
                PipelineHarness.Request("POST", TravelerBodies.Valid(), TestTokens.For("user-ada")), default);
            var adaTraveler = ((Functions.Account.TravelerResponse)((Microsoft.AspNetCore.Mvc.CreatedResult)traveler).Value!).Id;
            var adaCard = await StripeFlow.SaveCardAsync(harness, TestTokens.For("user-ada"), "pm_card_visa");
            Ids = new ApiEndpoints.Targets(adaTrip, adaBooking, adaTraveler, adaCard);
        }

        public Task DisposeAsync() => Harness.DisposeAsync();
    }

    public static TheoryData<string, string> UnauthenticatedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in ApiEndpoints.All.Keys)
        {
            foreach (var credential in new[] { "none", "bad signature", "expired", "wrong audience", "wrong issuer", "garbage" })
            {
                data.Add(endpoint, credential);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(UnauthenticatedCases))]
    public async Task Endpoint_WithoutValidCredentials_Is401AndChangesNothing(string endpoint, string credential)
    {
        var token = credential switch
        {
            "none" => null,
            "bad signature" => TestTokens.For("user-ada", key: OtherKey),
            "expired" => TestTokens.For("user-ada", expires: DateTime.UtcNow.AddMinutes(-5)),
            "wrong audience" => TestTokens.For("user-ada", audience: "another-api"),
            "wrong issuer" => TestTokens.For("user-ada", issuer: "https://evil.example/"),
            _ => "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLWFkYSJ9.",
        };
        var before = await db.RowCountsAsync();

        var result = await ApiEndpoints.All[endpoint](harness, token, AdaIds);

        ApiEndpoints.AssertProblem(result, 401, "unauthorized", $"{endpoint} with {credential}");
        Assert.Equal(before, await db.RowCountsAsync());
    }

    public static TheoryData<string> ByIdEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in ApiEndpoints.ById)
        {
            data.Add(endpoint);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ByIdEndpoints))]
    public async Task Endpoint_AnotherUsersResource_Is404AndLeavesItUnchanged(string endpoint)
    {
        const string everything = "select row_to_json(t)::text from trip_requests t union all select row_to_json(v)::text from travelers v "
            + "union all select row_to_json(p)::text from payment_methods p";
        var before = await db.QueryAsync<string>(everything);
        var events = await db.ScalarAsync<long>("select count(*) from trip_events");

        var result = await ApiEndpoints.All[endpoint](harness, TestTokens.For("user-grace"), AdaIds);

        ApiEndpoints.AssertProblem(result, 404, "not-found", endpoint);
        Assert.Equal(before, await db.QueryAsync<string>(everything));
        Assert.Equal(events, await db.ScalarAsync<long>("select count(*) from trip_events"));
    }

    public static TheoryData<string> OperatorEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in ApiEndpoints.OperatorOnly)
        {
            data.Add(endpoint);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task OperatorEndpoint_WithoutTheOperatorRole_Is403AndChangesNothing(string endpoint)
    {
        var before = await db.RowCountsAsync();

        var plain = await ApiEndpoints.All[endpoint](harness, TestTokens.For("user-ada"), AdaIds);
        var otherRole = await ApiEndpoints.All[endpoint](harness, OperatorTokens.For("user-ada", "autobooking.viewer"), AdaIds);

        ApiEndpoints.AssertProblem(plain, 403, "forbidden", endpoint);
        ApiEndpoints.AssertProblem(otherRole, 403, "forbidden", endpoint + " with another role");
        Assert.Equal(before, await db.RowCountsAsync());
    }

    [Fact]
    public async Task Lists_OnlyShowTheCallersOwnObjects()
    {
        var graceTrips = await ApiEndpoints.All["GET /trips"](harness, TestTokens.For("user-grace"), AdaIds);
        var graceBookings = await ApiEndpoints.All["GET /bookings"](harness, TestTokens.For("user-grace"), AdaIds);
        var adaBookings = await ApiEndpoints.All["GET /bookings"](harness, TestTokens.For("user-ada"), AdaIds);

        Assert.Empty(((Functions.Api.PageResponse<Functions.Trips.TripSummaryResponse>)((Microsoft.AspNetCore.Mvc.OkObjectResult)graceTrips).Value!).Items);
        Assert.Empty(((Functions.Api.PageResponse<Functions.Trips.BookingResponse>)((Microsoft.AspNetCore.Mvc.OkObjectResult)graceBookings).Value!).Items);
        var own = ((Functions.Api.PageResponse<Functions.Trips.BookingResponse>)((Microsoft.AspNetCore.Mvc.OkObjectResult)adaBookings).Value!).Items;
        Assert.Equal(AdaIds.BookingId, Assert.Single(own).Id);
    }
}
