using System.Net;
using System.Net.Http.Headers;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.Infrastructure.Retention;
using AutoBooking.Infrastructure.Redis;
using AutoBooking.Infrastructure.Resilience;
using AutoBooking.Infrastructure.Resend;
using AutoBooking.Infrastructure.Security;
using AutoBooking.Infrastructure.Stripe;
using AutoBooking.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using global::Stripe;

namespace AutoBooking.Infrastructure.Extensions;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient Stripe.net sends through.</summary>
    public const string StripeHttpClientName = "stripe";

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
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.SectionName);
        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.SectionName);
        services.AddSingleton<IValidateOptions<PiiOptions>, PiiOptionsValidator>();
        services.AddSingleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        DapperConfiguration.Apply();
        services.AddSingleton(sp => PostgresDataSourceFactory.Create(sp.GetRequiredService<IOptions<PostgresOptions>>().Value));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<SchemaVersion>();
        services.AddSingleton<TripRepository>();
        services.AddSingleton<OfferRepository>();
        services.AddSingleton<SearchRepository>();
        services.AddSingleton<BookingRepository>();
        services.AddSingleton<OutboxRepository>();
        services.AddSingleton<TripQueries>();
        services.AddSingleton<TravelerRepository>();
        services.AddSingleton<PersonalDataRepository>();
        // The daily retention job runs every IRetentionRule registered (other data rules register theirs the same way).
        services.AddSingleton<IRetentionRule, TravelerPiiRetentionRule>();
        services.AddSingleton<IRetentionRule, ExpiredOfferRetentionRule>();
        services.AddSingleton<IRetentionRule, ExpiredSearchOfferRetentionRule>();
        services.AddSingleton<IRetentionRule, ExpiredIdempotencyKeyRetentionRule>();
        services.AddSingleton<IRetentionRule, RawPayloadRetentionRule>();
        services.AddSingleton<IRetentionRule, MonitorEventRetentionRule>();
        services.AddSingleton<PaymentMethodRepository>();
        services.AddSingleton<WebhookEventStore>();
        services.AddSingleton<IWebhookEventStore>(sp => sp.GetRequiredService<WebhookEventStore>());

        services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.AddSingleton<TripLock>();
        services.AddMetrics();
        services.AddSingleton<Telemetry.AutoBookingMetrics>();
        services.AddSingleton<StageQueues>();
        services.AddSingleton<PiiProtector>();

        AddProviderClients(services);
        return services;
    }

    /// <summary>
    /// Duffel, Stripe and Resend clients. Duffel and Resend HttpClients get a resilience pipeline that repeats
    /// only what is safe to repeat (<see cref="DuffelClient.IsSafeToRepeat"/>; every Resend email carries an
    /// idempotency key); Stripe calls are retried by the booking saga's retry policy (Stripe.net's own retries are
    /// off by default), so its HttpClient only gets a timeout.
    /// </summary>
    private static void AddProviderClients(IServiceCollection services)
    {
        AddProviderHttpClient<IFlightProvider, DuffelClient, DuffelOptions>(services, "duffel", DuffelClient.HttpClientName,
                duffel => duffel.BaseUrl, duffel => duffel.AccessToken, DuffelClient.IsSafeToRepeat,
                http =>
                {
                    http.DefaultRequestHeaders.Add("Duffel-Version", "v2");
                    http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    // Duffel asks for gzip explicitly; the handler below decompresses.
                    http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
                },
                // Inside the retry pipeline: every attempt's rate-limit headers reach the shared budget.
                duffel => duffel.AddHttpMessageHandler<DuffelRateLimitRecorder>())
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip });
        services.AddSingleton<ProviderRateLimiter>();
        services.AddTransient<DuffelRateLimitRecorder>();

        services.AddHttpClient(StripeHttpClientName, (sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<StripeOptions>>().Value.TimeoutSeconds))
            .AddHttpMessageHandler(sp => MeasuredAs("stripe", sp));
        services.AddSingleton<IStripeClient>(sp =>
        {
            var stripe = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripeHttpClientName);
            return new StripeClient(new StripeClientOptions
            {
                ApiKey = stripe.SecretKey,
                ApiBase = stripe.ApiBase.TrimEnd('/'),
                HttpClient = new SystemNetHttpClient(http, stripe.MaxNetworkRetries),
            });
        });
        services.AddSingleton<IPaymentGateway, StripePaymentGateway>();
        services.AddSingleton<IPaymentMethodVault, StripePaymentMethodVault>();
        services.AddSingleton<StripeWebhookVerifier>();
        services.AddSingleton<DuffelWebhookVerifier>();

        AddProviderHttpClient<INotificationSender, ResendEmailSender, ResendOptions>(services, "resend", ResendEmailSender.HttpClientName,
            resend => resend.ApiUrl, resend => resend.ApiKey,
            // Resend's only call here is POST /emails with an Idempotency-Key: a repeat cannot send twice.
            request => request.Headers.Contains("Idempotency-Key") || request.Method == HttpMethod.Get);
    }

    /// <summary>
    /// A provider's typed HttpClient: bearer-authenticated at its base URL, behind the resilience pipeline
    /// <paramref name="pipelineName"/> built from its <see cref="ProviderHttpOptions"/>, then the handlers
    /// <paramref name="addInnerHandlers"/> adds, then the measurement of every attempt as <paramref name="provider"/>.
    /// </summary>
    private static IHttpClientBuilder AddProviderHttpClient<TClient, TImplementation, TOptions>(IServiceCollection services, string provider,
        string pipelineName, Func<TOptions, string> baseUrl, Func<TOptions, string> accessToken, Func<HttpRequestMessage, bool> isSafeToRepeat,
        Action<HttpClient>? configure = null, Action<IHttpClientBuilder>? addInnerHandlers = null)
        where TClient : class
        where TImplementation : class, TClient
        where TOptions : ProviderHttpOptions
    {
        var client = services.AddHttpClient<TClient, TImplementation>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
            http.BaseAddress = WithTrailingSlash(baseUrl(options));
            // The resilience pipeline owns timeouts (per attempt and in total); HttpClient's would cut retries short.
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken(options));
            configure?.Invoke(http);
        });
        client.AddResilienceHandler(pipelineName, (pipeline, context) => ProviderResilience.Configure(pipeline,
            context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value.Resilience(),
            isSafeToRepeat,
            context.ServiceProvider.GetRequiredService<TimeProvider>()));
        // Added after the resilience handler, so inside the retry pipeline.
        addInnerHandlers?.Invoke(client);
        client.AddHttpMessageHandler(sp => MeasuredAs(provider, sp));
        return client;
    }

    /// <summary>Binds a section, validates its data annotations, and fails start-up when it is invalid.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string sectionName)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>Inner to the resilience handler: every attempt is measured, retries included.</summary>
    private static Telemetry.ProviderMetricsHandler MeasuredAs(string provider, IServiceProvider services) =>
        new(provider, services.GetRequiredService<Telemetry.AutoBookingMetrics>(), services.GetRequiredService<TimeProvider>());

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
