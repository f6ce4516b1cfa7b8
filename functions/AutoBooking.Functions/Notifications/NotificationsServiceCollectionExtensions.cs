using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The outbox (timer): the traveler's emails, rendered and sent once each.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddSingleton<TravelerEmails>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddTransient<DeliverOutboxFunction>();
        return services;
    }
}
