using System.Net;
using System.Net.Http.Headers;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.Infrastructure.Redis;
using AutoBooking.Infrastructure.Resend;
using AutoBooking.Infrastructure.Security;
using AutoBooking.Infrastructure.Stripe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using global::Stripe;

namespace AutoBooking.Infrastructure.Extensions;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Postgres, Redis, queues, PII protection and the Duffel, Stripe and Resend clients, with validated options.</summary>
    public static IServiceCollection AddAutoBookingInfrastructure(this IServiceCollection services)
    {
        services.AddValidatedOptions<PostgresOptions>(PostgresOptions.SectionName);
        services.AddValidatedOptions<RedisOptions>(RedisOptions.SectionName);
        services.AddValidatedOptions<QueueOptions>(QueueOptions.SectionName);
        services.AddValidatedOptions<DuffelOptions>(DuffelOptions.SectionName);
        services.AddValidatedOptions<StripeOptions>(StripeOptions.SectionName);
        services.AddValidatedOptions<ResendOptions>(ResendOptions.SectionName);
        services.AddValidatedOptions<PiiOptions>(PiiOptions.SectionName);
        services.AddValidatedOptions<MonitorOptions>(MonitorOptions.SectionName);
        services.AddValidatedOptions<BookingOptions>(BookingOptions.SectionName);
        services.AddSingleton<IValidateOptions<PiiOptions>, PiiOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        DapperConfiguration.Apply();
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<TripRepository>();
        services.AddSingleton<OfferRepository>();
        services.AddSingleton<BookingRepository>();
        services.AddSingleton<TripQueries>();
        services.AddSingleton<TravelerRepository>();

        services.AddSingleton<IConnectionMultiplexer>(sp =>
            ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value.ConnectionString));
        services.AddSingleton<TripLock>();
        services.AddSingleton<StageQueues>();
        services.AddSingleton<PiiProtector>();

        services.AddHttpClient<IFlightProvider, DuffelClient>((sp, http) =>
            {
                var duffel = sp.GetRequiredService<IOptions<DuffelOptions>>().Value;
                http.BaseAddress = WithTrailingSlash(duffel.BaseUrl);
                http.Timeout = TimeSpan.FromSeconds(duffel.TimeoutSeconds);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", duffel.AccessToken);
                http.DefaultRequestHeaders.Add("Duffel-Version", "v2");
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip });

        services.AddHttpClient("stripe");
        services.AddSingleton<IStripeClient>(sp =>
        {
            var stripe = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("stripe");
            return new StripeClient(new StripeClientOptions
            {
                ApiKey = stripe.SecretKey,
                ApiBase = stripe.ApiBase.TrimEnd('/'),
                HttpClient = new SystemNetHttpClient(http),
            });
        });
        services.AddSingleton<IPaymentGateway, StripePaymentGateway>();

        services.AddHttpClient<INotificationSender, ResendEmailSender>((sp, http) =>
        {
            var resend = sp.GetRequiredService<IOptions<ResendOptions>>().Value;
            http.BaseAddress = WithTrailingSlash(resend.ApiUrl);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", resend.ApiKey);
        });
        return services;
    }

    /// <summary>Binds a section, validates its data annotations, and fails start-up when it is invalid.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string sectionName)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
