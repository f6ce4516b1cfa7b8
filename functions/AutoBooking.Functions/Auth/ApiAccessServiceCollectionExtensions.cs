using AutoBooking.Functions.Api;
using AutoBooking.Infrastructure.Extensions;
using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Auth;

public static class ApiAccessServiceCollectionExtensions
{
    /// <summary>Who may call the API (bearer tokens, roles) and its limits; the middleware runs before every HTTP function.</summary>
    public static IServiceCollection AddApiAccess(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        services.AddValidatedOptions<ApiOptions>(ApiOptions.SectionName);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        // The sample settings' keys are public: refused outside Development.
        services.AddSingleton<LocalOnlySecrets>();
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddSingleton<IValidateOptions<PiiOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddSingleton<IValidateOptions<StripeOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddSingleton<IValidateOptions<DuffelOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddSingleton<IValidateOptions<ResendOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddHttpClient(nameof(JwtAuthenticator));
        services.AddSingleton<JwtAuthenticator>();
        return services;
    }
}
