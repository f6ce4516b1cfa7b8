using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Retention (timer): personal data of finished trips removed on schedule.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSingleton<RetentionJob>();
        services.AddTransient<RetentionFunction>();
        return services;
    }
}
