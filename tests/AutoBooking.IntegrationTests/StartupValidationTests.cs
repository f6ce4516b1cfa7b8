using AutoBooking.IntegrationTests.Support;
using Microsoft.Extensions.Options;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// ValidateOnStart is known not to fire in some Functions setups (dotnet/runtime #96034): prove that a host
/// built from the app's registrations refuses to start with a missing or invalid setting.
/// </summary>
public sealed class StartupValidationTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Theory]
    [InlineData("Postgres:ConnectionString", null)]
    [InlineData("Duffel:BaseUrl", "not a url")]
    [InlineData("Stripe:SecretKey", "")]
    [InlineData("Auth:SigningKey", "short")]
    [InlineData("Pii:ActiveKeyVersion", "v9")]
    [InlineData("Monitor:BatchSize", "0")]
    [InlineData("Booking:PaymentConfirmUrl", "https://app.autobooking.test/confirm-payment")]
    [InlineData("Booking:AuthenticationTimeoutSeconds", "-1")]
    [InlineData("Outbox:AlertAfterMinutes", "0")]
    [InlineData("Outbox:RetryMaxSeconds", "5")]
    public async Task Host_MissingOrInvalidSetting_FailsToStart(string key, string? value)
    {
        var settings = harness.Settings();
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }
        using var host = harness.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key.Split(':')[0], error.Message + string.Join(' ', error.Failures) + error.OptionsType.Name, StringComparison.Ordinal);
    }
}
