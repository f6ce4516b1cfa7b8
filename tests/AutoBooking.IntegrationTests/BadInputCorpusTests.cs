using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// More than a hundred bad requests: each answers a 4xx problem details (never a 500, never an exception) and
/// changes no row anywhere.
/// </summary>
public sealed class BadInputCorpusTests(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private static readonly string Ada = TestTokens.For("user-ada");

    public static TheoryData<int> CorpusIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < BadInputCorpus.All().Count(); i++)
        {
            data.Add(i);
        }
        return data;
    }

    [Fact]
    public void Corpus_HasMoreThanAHundredCases() => Assert.True(BadInputCorpus.All().Count() > 100);

    [Theory]
    [MemberData(nameof(CorpusIndexes))]
    public async Task CreateTrip_BadInput_Is4xxProblemAndStoresNothing(int index)
    {
        var (why, body, contentType) = BadInputCorpus.All().ElementAt(index);
        var db = new Db(harness.DatabaseConnectionString);
        var before = await db.RowCountsAsync();
        var request = PipelineHarness.RawRequest("POST", body, Ada, contentType);
        if (contentType.Length == 0)
        {
            request.ContentType = null;
        }

        var result = await harness.Get<CreateTripFunction>().Run(request, CancellationToken.None);

        var problem = Assert.IsType<ObjectResult>(result, exactMatch: false);
        Assert.True(problem.StatusCode is >= 400 and < 500, $"{why}: status {problem.StatusCode}");
        Assert.IsType<ProblemDetails>(problem.Value, exactMatch: false);
        Assert.Contains("application/problem+json", problem.ContentTypes);
        ProblemBodies.AssertClean(result, why);
        Assert.Equal(before, await db.RowCountsAsync());
        Assert.Empty(await harness.PeekAllAsync(harness.SearchQueue));
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "GET /trips", "?limit=0" }, { "GET /trips", "?limit=-5" }, { "GET /trips", "?limit=abc" }, { "GET /trips", "?limit=1e3" },
        { "GET /trips", "?cursor=' OR 1=1" }, { "GET /trips", "?cursor=%00" }, { "GET /bookings", "?limit=101" }, { "GET /bookings", "?cursor=x" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Lists_BadPaging_Are400(string endpoint, string query)
    {
        var request = PipelineHarness.Request("GET", token: Ada);
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);

        var result = endpoint == "GET /trips"
            ? await harness.Get<ListTripsFunction>().Run(request, CancellationToken.None)
            : await harness.Get<BookingsFunction>().List(request, CancellationToken.None);

        ApiEndpoints.AssertProblem(result, 400, "validation", $"{endpoint}{query}");
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("' OR 1=1 --")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("<script>")]
    [InlineData("..%2F..%2Fetc")]
    public async Task ByIdEndpoints_BadIds_Are404(string id)
    {
        foreach (var endpoint in ApiEndpoints.ById)
        {
            var parsed = Guid.TryParse(id, out var guid) ? guid : Guid.Empty;
            var result = endpoint.StartsWith("GET /trips/{id}", StringComparison.Ordinal) && !Guid.TryParse(id, out _)
                ? await harness.Get<GetTripFunction>().Run(PipelineHarness.Request("GET", token: Ada), id, CancellationToken.None)
                : await ApiEndpoints.All[endpoint](harness, Ada, ApiEndpoints.Targets.All(parsed));

            ApiEndpoints.AssertProblem(result, 404, "not-found", $"{endpoint} {id}");
        }
    }
}
