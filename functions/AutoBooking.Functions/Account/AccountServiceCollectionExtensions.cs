using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Account;

public static class AccountServiceCollectionExtensions
{
    /// <summary>The traveler's account: saved travelers, saved cards, and their data rights (export, erasure).</summary>
    public static IServiceCollection AddTravelerAccountApi(this IServiceCollection services)
    {
        services.AddSingleton<TravelerApi>();
        services.AddSingleton<PaymentMethodApi>();
        services.AddSingleton<PersonalDataExporter>();
        services.AddSingleton<PersonalDataEraser>();
        services.AddTransient<TravelersFunction>();
        services.AddTransient<PaymentMethodsFunction>();
        services.AddTransient<PersonalDataFunction>();
        return services;
    }
}
