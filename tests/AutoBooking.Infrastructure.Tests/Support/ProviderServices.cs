using AutoBooking.Infrastructure.Extensions;
using AutoBooking.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>
/// The production registration (<see cref="InfrastructureServiceCollectionExtensions.AddAutoBookingInfrastructure"/>)
/// pointed at a sandbox, with short retry delays so fault tests stay fast. Only provider clients are resolved
/// from it; Postgres and Redis are registered but never touched.
/// </summary>
public static class ProviderServices
{
    public static ServiceProvider Create(SandboxServer sandbox, IDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var settings = new Dictionary<string, string?>
        {
            // The Duffel client records rate-limit headers in the shared budget (Redis): the local one, under a prefix of its own.
            ["Redis:ConnectionString"] = Environment.GetEnvironmentVariable("Redis__ConnectionString") ?? "127.0.0.1:63790",
            ["Redis:KeyPrefix"] = "provider:" + Guid.NewGuid().ToString("N") + ":",
            ["Monitor:Schedule"] = "0 */10 * * * *",
            ["Duffel:BaseUrl"] = sandbox.DuffelBaseUrl,
            ["Duffel:AccessToken"] = "duffel_test_sandbox",
            ["Duffel:TimeoutSeconds"] = "5",
            ["Duffel:MaxRetries"] = "3",
            ["Duffel:RetryBaseDelayMilliseconds"] = "10",
            ["Duffel:MaxRateLimitWaitSeconds"] = "5",
            ["Stripe:ApiBase"] = sandbox.StripeBaseUrl,
            ["Stripe:SecretKey"] = "sk_test_sandbox",
            ["Resend:ApiUrl"] = sandbox.ResendBaseUrl,
            ["Resend:ApiKey"] = "re_test_sandbox",
            ["Resend:From"] = "AutoBooking <bookings@autobooking.test>",
            ["Resend:RetryBaseDelayMilliseconds"] = "10",
            ["Resend:MaxRateLimitWaitSeconds"] = "5",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddAutoBookingInfrastructure();
        return services.BuildServiceProvider();
    }
}
