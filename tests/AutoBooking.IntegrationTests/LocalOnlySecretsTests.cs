using AutoBooking.IntegrationTests.Support;
using Microsoft.Extensions.Options;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The sample settings' keys are public: a host given one of them outside Development refuses to start; with the
/// Functions host's Development environment (what <c>func start</c> sets) it starts. A development signing key next
/// to an identity provider is refused everywhere.
/// </summary>
public sealed class LocalOnlySecretsTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    public static TheoryData<string, string> SampleSecrets => new()
    {
        { "Pii:Keys:v1", "ULIjuVQkGhq8t5p1LsEmto25ZnJmfX1TaGBNlBxREqw=" },
        { "Auth:SigningKey", "3DbxrTCrDenfgdu34osfbFsjfJ93WTSO+klz6T3J2nw=" },
        { "Stripe:WebhookSecret", "whsec_local_sandbox" },
        { "Stripe:SecretKey", "sk_test_local_sandbox" },
        { "Duffel:WebhookSecret", "duffel_webhook_local_sandbox" },
        { "Duffel:AccessToken", "duffel_test_local_sandbox" },
        { "Resend:ApiKey", "re_test_local_sandbox" },
    };

    [Theory]
    [MemberData(nameof(SampleSecrets))]
    public async Task Host_SampleSecretOutsideDevelopment_FailsToStart(string key, string value)
    {
        var settings = harness.Settings();
        settings[key] = value;
        using var host = harness.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("local-only sample value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_SampleSecretsInDevelopment_Starts()
    {
        var settings = harness.Settings();
        foreach (var (key, value) in SampleSecrets.Select(row => ((string)row[0], (string)row[1])))
        {
            settings[key] = value;
        }
        settings["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        using var host = await harness.StartAsync(settings);
        await host.StopAsync();
    }

    [Fact]
    public void SampleValues_AreEverySecretTheSampleSettingsShip()
    {
        var sample = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");
        foreach (var key in new[] { "Pii__Keys__v1", "Stripe__WebhookSecret", "Stripe__SecretKey", "Duffel__WebhookSecret", "Duffel__AccessToken", "Resend__ApiKey" })
        {
            Assert.Contains(values.GetProperty(key).GetString()!, LocalOnlySecrets.SampleValues);
        }
        // Local sign-in goes through the sandbox identity provider; a development key next to it would not start.
        Assert.False(values.TryGetProperty("Auth__SigningKey", out _));
        Assert.Equal("http://127.0.0.1:4010/idp/.well-known/openid-configuration", values.GetProperty("Auth__MetadataAddress").GetString());
        Assert.Contains("LOCAL ONLY", sample.RootElement.GetProperty("_comment").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_DevelopmentKeyNextToAnIdentityProvider_FailsToStart()
    {
        var settings = harness.Settings();
        settings["Auth:MetadataAddress"] = "https://login.example.com/.well-known/openid-configuration";
        using var host = harness.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Auth:SigningKey", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AutoBooking.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("AutoBooking.sln not found above the test binaries.");
    }
}
