using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Stripe's and Duffel's webhooks: verified, recorded once, raised on the saga or acted on (schedule changes).</summary>
    public static IServiceCollection AddProviderWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookHandler>();
        services.AddSingleton<ScheduleChangeNotifier>();
        services.AddTransient<StripeWebhookFunction>();
        services.AddTransient<DuffelWebhookFunction>();
        return services;
    }
}
