using System.Net;
using System.Text;
using System.Text.Json;
using AutoBooking.HostTests.Rpc;
using AutoBooking.HostTests.Support;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.HostTests;

/// <summary>
/// HTTP through the worker's own ASP.NET Core endpoint, paired with the host's InvocationRequest by
/// <c>x-ms-invocation-id</c>: the request passes the worker's middleware (bearer authentication) before the function.
/// </summary>
[Collection(HostedWorker.Name)]
public sealed class WorkerHttpTests(FunctionsHostFixture host)
{
    [Fact]
    public async Task CreateTrip_WithoutToken_Is401ProblemDetails_AndStoresNothing()
    {
        var tripsBefore = await host.Db.ScalarAsync<long>("select count(*) from trip_requests");

        var (response, invocation) = await host.SendHttpAsync("CreateTripFunction", PostTrip(token: null));

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.Equal(tripsBefore, await host.Db.ScalarAsync<long>("select count(*) from trip_requests"));
    }

    [Fact]
    public async Task CreateTrip_WithDevToken_Is201_StoresTheTrip_AndQueuesItsFirstSearch()
    {
        var owner = "host-user-" + Guid.NewGuid().ToString("N")[..8];

        var (response, invocation) = await host.SendHttpAsync("CreateTripFunction", PostTrip(TestTokens.For(owner)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}{host.Diagnostics()}");
        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        using var trip = JsonDocument.Parse(body);
        var id = trip.RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/trips/{id}", response.Headers.Location?.ToString());
        Assert.NotNull(response.Headers.ETag);
        var stored = await host.Db.QueryAsync<(string Owner, string Status)>(
            "select owner_id, status from trip_requests where id = @id", new { id });
        Assert.Equal([(owner, "watching")], stored);
        var queued = (await host.SearchQueue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString());
        Assert.Contains(queued, m => m.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Health_AnonymousFunction_PassesTheMiddleware_AndReportsItsDependenciesUp()
    {
        var (response, invocation) = await host.SendHttpAsync("HealthFunction", new HttpRequestMessage(HttpMethod.Get, "api/health"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}{host.Diagnostics()}");
        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("up", report.RootElement.GetProperty("postgres").GetString());
        Assert.Equal("up", report.RootElement.GetProperty("redis").GetString());
    }

    private static HttpRequestMessage PostTrip(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/trips")
        {
            Content = new StringContent(TripBodies.Valid(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = FunctionsHostFixture.Bearer(token);
        }
        return request;
    }
}
