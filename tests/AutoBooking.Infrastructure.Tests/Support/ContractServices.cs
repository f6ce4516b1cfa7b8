using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>
/// The production registration with the real providers' base URLs, where only the innermost HTTP handler of
/// each provider client is swapped for a <see cref="RecordedProvider"/>: headers, resilience and Stripe.net all
/// run as in production.
/// </summary>
public static class ContractServices
{
    public const string DuffelToken = "duffel_test_contract";
    public const string StripeKey = "sk_test_contract";
    public const string ResendKey = "re_test_contract";

    public static ServiceProvider Create(RecordedProvider duffel, RecordedProvider stripe, RecordedProvider resend)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Duffel:BaseUrl"] = "https://api.duffel.com",
            ["Duffel:AccessToken"] = DuffelToken,
            ["Duffel:TimeoutSeconds"] = "30",
            ["Duffel:RetryBaseDelayMilliseconds"] = "1",
            ["Stripe:ApiBase"] = "https://api.stripe.com",
            ["Stripe:SecretKey"] = StripeKey,
            ["Resend:ApiUrl"] = "https://api.resend.com",
            ["Resend:ApiKey"] = ResendKey,
            ["Resend:From"] = "AutoBooking <bookings@autobooking.example>",
            ["Resend:RetryBaseDelayMilliseconds"] = "1",
            // The Duffel client records rate-limit headers in the shared budget (Redis): the local one, under a prefix of its own.
            ["Redis:ConnectionString"] = Environment.GetEnvironmentVariable("Redis__ConnectionString") ?? "127.0.0.1:63790",
            ["Redis:KeyPrefix"] = "contract:" + Guid.NewGuid().ToString("N") + ":",
            ["Monitor:Schedule"] = "0 */10 * * * *",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddAutoBookingInfrastructure();
        // Typed clients are named after their service type; the Stripe client has its own name.
        services.AddHttpClient(nameof(IFlightProvider)).ConfigurePrimaryHttpMessageHandler(() => duffel);
        services.AddHttpClient(InfrastructureServiceCollectionExtensions.StripeHttpClientName).ConfigurePrimaryHttpMessageHandler(() => stripe);
        services.AddHttpClient(nameof(INotificationSender)).ConfigurePrimaryHttpMessageHandler(() => resend);
        return services.BuildServiceProvider();
    }
}
