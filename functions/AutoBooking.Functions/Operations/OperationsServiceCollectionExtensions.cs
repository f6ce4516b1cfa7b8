using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;

namespace AutoBooking.Functions.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Running the app: the kill switch (feature flags), start-up checks, health, the OpenAPI document, poison messages.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddFeatureManagement();
        services.AddSingleton<KillSwitch>();
        services.AddHostedService<StartupTasks>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<PoisonMessages>();
        services.AddTransient<HealthFunction>();
        services.AddTransient<OpenApiFunction>();
        services.AddTransient<PoisonMessageFunction>();
        return services;
    }
}
