using System.Reflection;
using System.Text.Json;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.IntegrationTests;

/// <summary>The worker middleware stops unauthenticated calls to every non-anonymous HTTP function before it runs.</summary>
public sealed class BearerAuthenticationMiddlewareTests(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    public static TheoryData<string> HttpFunctions()
    {
        var data = new TheoryData<string>();
        foreach (var name in HttpFunctionNames())
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task EveryHttpFunction_WithoutAToken_IsStoppedWith401_UnlessAnonymous(string function)
    {
        var (ran, http) = await InvokeAsync(function, token: null);

        if (BearerAuthenticationMiddleware.AnonymousFunctions.Contains(function))
        {
            Assert.True(ran, $"{function} is anonymous");
            return;
        }
        Assert.False(ran, $"{function} ran without a token");
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        using var problem = JsonDocument.Parse(((MemoryStream)http.Response.Body).ToArray());
        Assert.EndsWith("/unauthorized", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong audience")]
    [InlineData("bad signature")]
    public async Task BadToken_IsStoppedWith401(string because)
    {
        var token = because switch
        {
            "expired" => TestTokens.For("user-ada", expires: DateTime.UtcNow.AddMinutes(-5)),
            "wrong audience" => TestTokens.For("user-ada", audience: "other-api"),
            _ => TestTokens.For("user-ada")[..^4] + "AAAA",
        };

        var (ran, http) = await InvokeAsync("CreateTripFunction", token);

        Assert.False(ran, because);
        Assert.Equal(401, http.Response.StatusCode);
    }

    [Fact]
    public async Task ValidToken_RunsTheFunction_WhichSeesTheSameCaller()
    {
        var (ran, http) = await InvokeAsync("ListTripsFunction", TestTokens.For("user-ada"));

        Assert.True(ran);
        var caller = await harness.Get<JwtAuthenticator>().AuthenticateAsync(http.Request);
        Assert.Equal("user-ada", caller.UserId);
        Assert.Same(http.Items[typeof(Caller)], caller);
    }

    [Fact]
    public async Task NonHttpInvocation_PassesThrough()
    {
        var ran = false;
        var context = new TestFunctionContext("SearchTripFunction", null, harness.Services);

        await new BearerAuthenticationMiddleware(harness.Get<JwtAuthenticator>()).Invoke(context, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }

    [Fact]
    public void AnonymousFunctions_AreRealHttpFunctions() =>
        Assert.Subset(HttpFunctionNames().ToHashSet(), BearerAuthenticationMiddleware.AnonymousFunctions.ToHashSet());

    private async Task<(bool Ran, HttpContext Http)> InvokeAsync(string function, string? token)
    {
        var request = PipelineHarness.Request("GET", token: token);
        request.HttpContext.Response.Body = new MemoryStream();
        var ran = false;
        var context = new TestFunctionContext(function, request.HttpContext, harness.Services);

        await new BearerAuthenticationMiddleware(harness.Get<JwtAuthenticator>()).Invoke(context, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        return (ran, request.HttpContext);
    }

    /// <summary>Every [Function] whose trigger is HTTP, by name.</summary>
    private static IEnumerable<string> HttpFunctionNames() =>
        typeof(JwtAuthenticator).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)
            .OrderBy(n => n, StringComparer.Ordinal);
}
