using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using Xunit.Sdk;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The scan of every problem the app builds (<see cref="ProblemBodies"/>) is live: it sees the problems of ordinary
/// requests, and a body naming a .NET type, repeating serializer text or keyed by a dotted path fails where it is built.
/// </summary>
public sealed class ProblemScanTests(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task AnyRequest_ItsProblem_IsScannedAsTheAppBuildsIt()
    {
        var result = await harness.CreateTripAsync("""{"origin": 1}""", TestTokens.For("user-scan"));

        Assert.Equal(400, ApiEndpoints.StatusOf(result));
        Assert.True(ProblemBodies.WasScanned(result));
    }

    public static TheoryData<string, string> Leaks => new()
    {
        { "a serializer message", "The JSON value could not be converted to System.Int32. Path: $.maxPrice.amount | LineNumber: 0" },
        { "one of our type names", "could not be mapped to any .NET member contained in type 'AutoBooking.Functions.Trips.CreateTripRequest'" },
        { "a stack trace", "Failed\n   at AutoBooking.Functions.Api.JsonBody.Parse()" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void ProblemNamingTypesOrFrameworkText_FailsWhereItIsBuilt(string why, string detail)
    {
        ProblemBodies.Install();

        var failure = Assert.ThrowsAny<XunitException>(() => Problems.MalformedJson(detail, ""));

        Assert.Contains("the problem body contains", failure.Message, StringComparison.Ordinal);
        Assert.NotEmpty(why);
    }

    [Fact]
    public void ValidationKeyedByADottedPath_FailsWhereItIsBuilt()
    {
        ProblemBodies.Install();

        var failure = Assert.ThrowsAny<XunitException>(() => Problems.Validation(new Dictionary<string, string[]> { ["traveler.givenName"] = ["Bad."] }));

        Assert.Contains("neither a JSON pointer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemNotServedAsProblemJson_Fails()
    {
        var result = new ObjectResult(new ProblemDetails { Status = 400, Title = "Bad." }) { StatusCode = 400 };
        result.ContentTypes.Add("application/json");

        Assert.ThrowsAny<XunitException>(() => ProblemBodies.AssertClean(result, "plain json"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("/traveler/givenName", true)]
    [InlineData("/companions/0/bornOn", true)]
    [InlineData("/a~1b/c~0d", true)]
    [InlineData("traveler.givenName", false)]
    [InlineData("/a~2", false)]
    [InlineData("/a~", false)]
    public void IsJsonPointer_FollowsRfc6901(string key, bool expected) => Assert.Equal(expected, ProblemBodies.IsJsonPointer(key));
}
