using System.Security.Cryptography;
using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.IntegrationTests;

/// <summary>Production-style authentication: signing keys fetched from the identity provider's OIDC metadata.</summary>
public sealed class OidcAuthenticationTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private LocalIdentityProvider identity = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        identity = await LocalIdentityProvider.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await identity.DisposeAsync();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Tokens_SignedWithTheProvidersPublishedKey_AreAccepted_OthersAreNot()
    {
        var settings = harness.Settings();
        settings["Auth:Issuer"] = identity.Issuer;
        settings["Auth:MetadataAddress"] = identity.MetadataAddress;
        settings["Auth:AllowHttpMetadata"] = "true";
        settings.Remove("Auth:SigningKey");
        using var host = await harness.StartAsync(settings);
        var create = ActivatorUtilities.GetServiceOrCreateInstance<CreateTripFunction>(host.Services);
        using var forgedKey = RSA.Create(2048);

        var accepted = await create.Run(PipelineHarness.Request("POST", TripBodies.Valid(), identity.TokenFor("user-oidc", TestTokens.Audience)), default);
        var forged = await create.Run(PipelineHarness.Request("POST", TripBodies.Valid(),
            identity.TokenFor("user-oidc", TestTokens.Audience, new RsaSecurityKey(forgedKey) { KeyId = "test-key-1" })), default);
        var wrongAudience = await create.Run(PipelineHarness.Request("POST", TripBodies.Valid(), identity.TokenFor("user-oidc", "other-api")), default);
        var developmentToken = await create.Run(PipelineHarness.Request("POST", TripBodies.Valid(), TestTokens.For("user-oidc")), default);

        Assert.IsType<CreatedResult>(accepted);
        ApiEndpoints.AssertProblem(forged, 401, "unauthorized", "forged RS256");
        ApiEndpoints.AssertProblem(wrongAudience, 401, "unauthorized", "wrong audience");
        ApiEndpoints.AssertProblem(developmentToken, 401, "unauthorized", "no development key configured");
        await host.StopAsync();
    }

    /// <summary>The worker configured as local.settings.sample.json configures it (web-contract §1), against the sandbox provider.</summary>
    [Fact]
    public async Task SandboxIdentityProvider_CodeFlowTokens_AreAcceptedAndTheOperatorRoleHonoured()
    {
        var settings = harness.Settings();
        settings["Auth:Issuer"] = harness.Sandbox.IdentityIssuer;
        settings["Auth:Audience"] = harness.Sandbox.ApiAudience;
        settings["Auth:MetadataAddress"] = harness.Sandbox.IdentityMetadataAddress;
        settings["Auth:AllowHttpMetadata"] = "true";
        settings.Remove("Auth:SigningKey");
        using var host = await harness.StartAsync(settings);
        var create = ActivatorUtilities.GetServiceOrCreateInstance<CreateTripFunction>(host.Services);
        var operators = ActivatorUtilities.GetServiceOrCreateInstance<OperatorAttemptsFunction>(host.Services);
        var ada = await SandboxSignIn.AccessTokenAsync(harness.Sandbox, "sandbox-ada");
        var olivia = await SandboxSignIn.AccessTokenAsync(harness.Sandbox, "sandbox-olivia");

        var created = await create.Run(PipelineHarness.Request("POST", TripBodies.Valid(), ada), default);
        var travelerAsOperator = await operators.List(PipelineHarness.Request("GET", token: ada), default);
        var asOperator = await operators.List(PipelineHarness.Request("GET", token: olivia), default);

        Assert.IsType<CreatedResult>(created);
        ApiEndpoints.AssertProblem(travelerAsOperator, 403, "forbidden", "a traveler has no operator role");
        Assert.IsType<OkObjectResult>(asOperator);
        await host.StopAsync();
    }

    [Fact]
    public async Task IdentityProviderUnreachable_Is503ProblemAndStoresNothing()
    {
        var settings = harness.Settings();
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        settings["Auth:Issuer"] = identity.Issuer;
        settings["Auth:MetadataAddress"] = $"http://127.0.0.1:{port}/.well-known/openid-configuration";
        settings["Auth:AllowHttpMetadata"] = "true";
        settings.Remove("Auth:SigningKey");
        using var host = await harness.StartAsync(settings);
        var create = ActivatorUtilities.GetServiceOrCreateInstance<CreateTripFunction>(host.Services);
        var db = new Db(harness.DatabaseConnectionString);
        var before = await db.RowCountsAsync();

        var result = await create.Run(PipelineHarness.Request("POST", TripBodies.Valid(), identity.TokenFor("user-oidc", TestTokens.Audience)), default);
        var noToken = await create.Run(PipelineHarness.Request("POST", TripBodies.Valid()), default);

        ApiEndpoints.AssertProblem(result, 503, "identity-provider-unavailable", "keys unreachable");
        ApiEndpoints.AssertProblem(noToken, 401, "unauthorized", "no token needs no keys");
        Assert.Equal(before, await db.RowCountsAsync());
        await host.StopAsync();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("http://login.example.com/.well-known/openid-configuration", null)]
    public async Task Startup_WithoutAnyWayToCheckTokens_OrPlainHttpMetadata_Fails(string? metadata, string? signingKey)
    {
        var settings = harness.Settings();
        settings.Remove("Auth:SigningKey");
        if (signingKey is not null)
        {
            settings["Auth:SigningKey"] = signingKey;
        }
        if (metadata is not null)
        {
            settings["Auth:MetadataAddress"] = metadata;
        }
        using var host = harness.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Auth", error.Message, StringComparison.Ordinal);
    }
}
