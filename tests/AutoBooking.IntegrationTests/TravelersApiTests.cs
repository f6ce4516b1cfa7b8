using AutoBooking.Functions.Api;
using AutoBooking.Infrastructure.Security;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests;

/// <summary>Traveler profiles: CRUD for their owner only, validated, encrypted at rest with a rotating key ring.</summary>
public sealed class TravelersApiTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    private TravelersFunction Function => harness.Get<TravelersFunction>();

    [Fact]
    public async Task Crud_CreateReadReplaceDelete_RoundTripsTheProfile()
    {
        var created = await CreateAsync(TravelerBodies.Valid());
        Assert.Equal("Grace", created.GivenName);
        Assert.Equal("•••••6789", created.Document?.NumberMasked);

        var read = Ok<TravelerResponse>(await Function.Get(PipelineHarness.Request("GET", token: ada), created.Id.ToString(), default));
        Assert.Equal(created, read);

        var replaced = Ok<TravelerResponse>(await Function.Update(
            PipelineHarness.Request("PUT", TravelerBodies.Valid(givenName: "Amazing"), ada), created.Id.ToString(), default));
        Assert.Equal("Amazing", replaced.GivenName);
        Assert.Equal(created.Version + 1, replaced.Version);

        var list = Ok<PageResponse<TravelerResponse>>(await Function.List(PipelineHarness.Request("GET", token: ada), default));
        Assert.Equal(replaced.Id, Assert.Single(list.Items).Id);

        Assert.IsType<NoContentResult>(await Function.Delete(PipelineHarness.Request("DELETE", token: ada), created.Id.ToString(), default));
        ApiEndpoints.AssertProblem(await Function.Get(PipelineHarness.Request("GET", token: ada), created.Id.ToString(), default), 404, "not-found", "deleted");
        ApiEndpoints.AssertProblem(await Function.Delete(PipelineHarness.Request("DELETE", token: ada), created.Id.ToString(), default), 404, "not-found", "deleted twice");
    }

    [Fact]
    public async Task Update_WithStaleIfMatch_Is412AndKeepsTheProfile()
    {
        var created = await CreateAsync(TravelerBodies.Valid());
        var request = PipelineHarness.Request("PUT", TravelerBodies.Valid(givenName: "Changed"), ada);
        request.Headers.IfMatch = ETags.For(created.Version + 7);

        ApiEndpoints.AssertProblem(await Function.Update(request, created.Id.ToString(), default), 412, "version-mismatch", "stale");
        var read = Ok<TravelerResponse>(await Function.Get(PipelineHarness.Request("GET", token: ada), created.Id.ToString(), default));
        Assert.Equal("Grace", read.GivenName);
    }

    public static TheoryData<string, string, string> InvalidProfiles => new()
    {
        { "no document number", TravelerBodies.Valid(documentNumber: ""), "/document/number" },
        { "document number with symbols", TravelerBodies.Valid(documentNumber: "12-34-56"), "/document/number" },
        { "bad country", TravelerBodies.Valid().Replace("\"US\"", "\"USA\"", StringComparison.Ordinal), "/document/issuingCountry" },
        { "expired document", TravelerBodies.Valid().Replace(DateTime.UtcNow.AddYears(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "2020-01-01", StringComparison.Ordinal), "/document/expiresOn" },
        { "unknown document type", TravelerBodies.Valid().Replace("\"passport\"", "\"library_card\"", StringComparison.Ordinal), "/document/type" },
        { "bad phone", TravelerBodies.Valid().Replace("+12025550123", "555-0123", StringComparison.Ordinal), "/phone" },
        { "future birth", TravelerBodies.Valid().Replace("1986-12-09", "2999-01-01", StringComparison.Ordinal), "/bornOn" },
        { "empty object", "{}", "/givenName" },
    };

    [Theory]
    [MemberData(nameof(InvalidProfiles))]
    public async Task Create_InvalidProfile_Is400NamingTheFieldAndStoresNothing(string because, string body, string field)
    {
        var result = await Function.Create(PipelineHarness.Request("POST", body, ada), default);

        var problem = Assert.IsType<ValidationProblemDetails>(ApiEndpoints.AssertProblem(result, 400, "validation", because));
        Assert.True(problem.Errors.ContainsKey(field), $"{because}: {string.Join(", ", problem.Errors.Keys)}");
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from travelers"));
    }

    [Fact]
    public async Task Children_CanHaveProfiles()
    {
        var child = TravelerBodies.Valid().Replace("1986-12-09", DateTime.UtcNow.AddYears(-4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        Assert.IsType<CreatedResult>(await Function.Create(PipelineHarness.Request("POST", child, ada), default));
    }

    [Fact]
    public async Task Storage_HoldsOnlyCiphertext_AndOldKeysStillReadAfterRotation()
    {
        var created = await CreateAsync(TravelerBodies.Valid());
        var row = Assert.Single(await db.QueryAsync<string>("select row_to_json(t)::text from travelers t"));
        foreach (var secret in new[] { "Grace", "Hopper", "grace.hopper@example.com", "+12025550123", "123456789", "1986-12-09" })
        {
            Assert.DoesNotContain(secret, row, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("v1", await db.ScalarAsync<string>("select key_version from travelers"));

        // Rotate: v2 becomes active, v1 stays in the ring to read old data.
        var settings = harness.Settings();
        settings["Pii:ActiveKeyVersion"] = "v2";
        settings["Pii:Keys:v2"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());
        using var rotated = await harness.StartAsync(settings);
        var function = ActivatorUtilities.GetServiceOrCreateInstance<TravelersFunction>(rotated.Services);

        var read = Ok<TravelerResponse>(await function.Get(PipelineHarness.Request("GET", token: ada), created.Id.ToString(), default));
        Assert.Equal("Grace", read.GivenName);
        Ok<TravelerResponse>(await function.Update(PipelineHarness.Request("PUT", TravelerBodies.Valid(), ada), created.Id.ToString(), default));
        Assert.Equal("v2", await db.ScalarAsync<string>("select key_version from travelers"));
        Assert.StartsWith("v2.", rotated.Services.GetRequiredService<PiiProtector>().Protect("x"), StringComparison.Ordinal);
        await rotated.StopAsync();
    }

    private async Task<TravelerResponse> CreateAsync(string body)
    {
        var created = Assert.IsType<CreatedResult>(await Function.Create(PipelineHarness.Request("POST", body, ada), default));
        return Assert.IsType<TravelerResponse>(created.Value);
    }

    private static T Ok<T>(IActionResult result) => Assert.IsType<T>(Assert.IsType<OkObjectResult>(result).Value);
}
