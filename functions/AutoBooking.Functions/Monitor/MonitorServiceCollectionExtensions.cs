using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Monitor;

public static class MonitorServiceCollectionExtensions
{
    /// <summary>The monitor: the sweep (timer) claims due trips, the search stage (queue) searches once per distinct search and fans out.</summary>
    public static IServiceCollection AddMonitor(this IServiceCollection services)
    {
        services.AddSingleton<MonitorSweep>();
        services.AddSingleton<SearchPlanner>();
        services.AddSingleton<TripSearch>();
        services.AddSingleton<SearchFanOut>();
        services.AddTransient<MonitorSweepFunction>();
        services.AddTransient<SearchTripFunction>();
        return services;
    }
}
