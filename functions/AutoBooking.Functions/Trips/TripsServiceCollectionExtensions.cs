using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Trips;

public static class TripsServiceCollectionExtensions
{
    /// <summary>The trips API: create, read, list, change, history, approval, payment action, bookings (TripApi).</summary>
    public static IServiceCollection AddTripsApi(this IServiceCollection services)
    {
        services.AddSingleton<TripApi>();
        services.AddSingleton<PaymentActionApi>();
        services.AddTransient<CreateTripFunction>();
        services.AddTransient<GetTripFunction>();
        services.AddTransient<ListTripsFunction>();
        services.AddTransient<TripCommandsFunction>();
        services.AddTransient<TripHistoryFunction>();
        services.AddTransient<UpdateTripFunction>();
        services.AddTransient<ApproveTripFunction>();
        services.AddTransient<PaymentActionFunction>();
        services.AddTransient<BookingsFunction>();
        return services;
    }
}
