using AutoBooking.Functions.Auth;
using AutoBooking.Functions.Booking;
using AutoBooking.Functions.Http;
using AutoBooking.Functions.Notifications;
using AutoBooking.Functions.Pipeline;
using AutoBooking.Functions.Stages;
using AutoBooking.Functions.Queues;
using AutoBooking.Functions.Reconciliation;
using AutoBooking.Functions.Retention;
using AutoBooking.Functions.Timers;
using AutoBooking.Infrastructure.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;

namespace AutoBooking.Functions.Extensions;

/// <summary>
/// The app's stages, each registering its entry points (the function classes, so a test host built from these
/// registrations can invoke them like the Functions host) and the services behind them. The list reads in the order a
/// trip travels; docs/architecture.md and the README's Layout name each stage's entry class.
/// </summary>
public static class FunctionsServiceCollectionExtensions
{
    public static IServiceCollection AddAutoBookingPipeline(this IServiceCollection services) => services
        .AddApiAccess()
        .AddTripsApi()
        .AddTravellerAccountApi()
        .AddMonitor()
        .AddBookingStart()
        .AddBookingSaga()
        .AddProviderWebhooks()
        .AddOutbox()
        .AddAutoBookingReconciliation()
        .AddRetention()
        .AddOperations();

    /// <summary>Who may call the API (bearer tokens, roles), its limits, and the feature flags with the kill switch.</summary>
    public static IServiceCollection AddApiAccess(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        services.AddValidatedOptions<ApiOptions>(ApiOptions.SectionName);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        // The sample settings' keys are public: refused outside Development.
        services.AddSingleton<LocalOnlySecrets>();
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddSingleton<IValidateOptions<Infrastructure.Options.PiiOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddSingleton<IValidateOptions<Infrastructure.Options.StripeOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddSingleton<IValidateOptions<Infrastructure.Options.DuffelOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddSingleton<IValidateOptions<Infrastructure.Options.ResendOptions>>(sp => sp.GetRequiredService<LocalOnlySecrets>());
        services.AddHttpClient(nameof(JwtAuthenticator));
        services.AddSingleton<JwtAuthenticator>();
        services.AddFeatureManagement();
        services.AddSingleton<PipelineSwitch>();
        return services;
    }

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

    /// <summary>The traveller's account: saved travellers, saved cards, and their data rights (export, erasure).</summary>
    public static IServiceCollection AddTravellerAccountApi(this IServiceCollection services)
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

    /// <summary>Booking start (queue): a qualifying offer becomes one booking attempt and its saga.</summary>
    public static IServiceCollection AddBookingStart(this IServiceCollection services)
    {
        services.AddSingleton<BookingStarter>();
        services.AddTransient<StartBookingFunction>();
        return services;
    }

    /// <summary>The booking saga's activities (one list: BookingTasks.Activities), resolved per call by the triggers and the Durable test engine.</summary>
    public static IServiceCollection AddBookingSaga(this IServiceCollection services) => services.AddBookingActivities();

    /// <summary>Stripe's and Duffel's webhooks: verified, recorded once, raised on the saga or acted on (schedule changes).</summary>
    public static IServiceCollection AddProviderWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookHandler>();
        services.AddSingleton<ScheduleChangeNotifier>();
        services.AddTransient<StripeWebhookFunction>();
        services.AddTransient<DuffelWebhookFunction>();
        return services;
    }

    /// <summary>The outbox (timer): the traveller's emails, rendered and sent once each.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddSingleton<TravellerEmails>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddTransient<DeliverOutboxFunction>();
        return services;
    }

    /// <summary>Retention (timer): personal data of finished trips removed on schedule.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSingleton<RetentionJob>();
        services.AddTransient<RetentionFunction>();
        return services;
    }

    /// <summary>Running the app: start-up checks, health, the OpenAPI document, poison messages.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddHostedService<StartupTasks>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<PoisonMessages>();
        services.AddTransient<HealthFunction>();
        services.AddTransient<OpenApiFunction>();
        services.AddTransient<PoisonMessageFunction>();
        return services;
    }
}
