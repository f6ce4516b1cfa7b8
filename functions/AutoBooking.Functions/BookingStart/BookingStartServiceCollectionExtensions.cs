using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.BookingStart;

public static class BookingStartServiceCollectionExtensions
{
    /// <summary>Booking start (queue): a qualifying offer becomes one booking attempt and its saga.</summary>
    public static IServiceCollection AddBookingStart(this IServiceCollection services)
    {
        services.AddSingleton<BookingStarter>();
        services.AddTransient<StartBookingFunction>();
        return services;
    }
}
