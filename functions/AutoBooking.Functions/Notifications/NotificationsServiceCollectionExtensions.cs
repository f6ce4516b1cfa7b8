using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The outbox (timer): the traveller's emails, rendered and sent once each.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddSingleton<TravellerEmails>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddTransient<DeliverOutboxFunction>();
        return services;
    }
}
