using System.Text;
using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>Strict JSON: media types parsed, duplicates refused, errors naming the field as a JSON pointer in our own words.</summary>
public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("application/json", true)]
    [InlineData("APPLICATION/JSON", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/json;charset=UTF-8", true)]
    [InlineData("application/merge-patch+json", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("application/jsonx", false)]
    [InlineData("application/json-patch", false)]
    [InlineData("application/json; charset=latin1", false)]
    [InlineData("application/json; charset=utf-8; q=1", false)]
    [InlineData("application/json; foo=bar", false)]
    [InlineData("application/*+json", false)]
    [InlineData("text/json", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/+json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("application/json\n", false)]
    public void IsJson_ParsesTheMediaType(string? contentType, bool json) => Assert.Equal(json, JsonBody.IsJson(contentType));

    [Theory]
    [InlineData("""{"maxPrice":{"amount":"500"}}""", "/maxPrice/amount", "wrong type")]
    [InlineData("""{"companions":[{"title":1}]}""", "/companions/0/title", "wrong type")]
    [InlineData("""{"departureDate":"tomorrow"}""", "/departureDate", "wrong type")]
    [InlineData("""{"status":"booked"}""", "/status", "not a field")]
    [InlineData("""{"maxPrice":{"minor":1}}""", "/maxPrice/minor", "not a field")]
    [InlineData("""{"maxPrice":{"amount":1,"amount":2}}""", "/maxPrice/amount", "more than once")]
    [InlineData("""{"cabin":"economy","cabin":"first"}""", "/cabin", "more than once")]
    [InlineData("""{"a/b~c":1}""", "/a~1b~0c", "not a field")]
    [InlineData("""[1]""", "", "JSON object")]
    [InlineData("""{"origin":""", "", "well-formed")]
    public async Task ReadAsync_Refusals_NameTheFieldInOurWords(string body, string jsonPointer, string wording)
    {
        var (value, problem) = await JsonBody.ReadAsync<CreateTripRequest>(PipelineHarness.Request("POST", body), CancellationToken.None);

        Assert.Null(value);
        var details = ApiEndpoints.AssertProblem(problem!, 400, "malformed-json", body);
        Assert.Equal(jsonPointer, details.Extensions["pointer"]?.ToString());
        Assert.Contains(wording, details.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DeepNesting_IsMalformedNotACrash()
    {
        var body = "{\"companions\":" + new string('[', 40) + new string(']', 40) + "}";

        var (_, problem) = await JsonBody.ReadAsync<CreateTripRequest>(PipelineHarness.Request("POST", body), CancellationToken.None);

        ApiEndpoints.AssertProblem(problem!, 400, "malformed-json", "deep nesting");
    }

    [Fact]
    public async Task ReadAsync_LoneSurrogateEscape_IsRefused()
    {
        var (_, problem) = await JsonBody.ReadAsync<CreateTripRequest>(
            PipelineHarness.RawRequest("POST", Encoding.UTF8.GetBytes("""{"origin":"\ud800"}""")), CancellationToken.None);

        Assert.IsType<ObjectResult>(problem, exactMatch: false);
        Assert.Equal(400, ((ObjectResult)problem!).StatusCode);
    }
}
