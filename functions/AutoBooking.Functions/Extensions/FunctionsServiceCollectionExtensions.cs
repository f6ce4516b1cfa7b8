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

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>The pipeline services behind the triggers, the API's auth and the feature flags.</summary>
    public static IServiceCollection AddAutoBookingPipeline(this IServiceCollection services)
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

        services.AddSingleton<TripApi>();
        services.AddSingleton<TravelerApi>();
        services.AddSingleton<PaymentMethodApi>();
        services.AddSingleton<PersonalDataExporter>();
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<RetentionJob>();
        services.AddSingleton<PaymentActionApi>();
        services.AddSingleton<ScheduleChangeNotifier>();
        services.AddSingleton<TravellerEmails>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<WebhookHandler>();
        services.AddSingleton<MonitorSweep>();
        services.AddSingleton<TripSearch>();
        services.AddSingleton<SearchPlanner>();
        services.AddSingleton<SearchFanOut>();
        services.AddSingleton<BookingStarter>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<PoisonMessages>();
        services.AddHostedService<StartupTasks>();
        services.AddAutoBookingReconciliation();

        // The saga's activities (one list: BookingTasks.Activities), resolved per call by the triggers and the Durable test engine.
        services.AddBookingActivities();

        // Function classes, so a test host built from these registrations can invoke them like the Functions host.
        services.AddTransient<CreateTripFunction>();
        services.AddTransient<GetTripFunction>();
        services.AddTransient<ListTripsFunction>();
        services.AddTransient<TripCommandsFunction>();
        services.AddTransient<TripHistoryFunction>();
        services.AddTransient<BookingsFunction>();
        services.AddTransient<OpenApiFunction>();
        services.AddTransient<TravelersFunction>();
        services.AddTransient<UpdateTripFunction>();
        services.AddTransient<ApproveTripFunction>();
        services.AddTransient<PaymentActionFunction>();
        services.AddTransient<PaymentMethodsFunction>();
        services.AddTransient<PersonalDataFunction>();
        services.AddTransient<StripeWebhookFunction>();
        services.AddTransient<DuffelWebhookFunction>();
        services.AddTransient<HealthFunction>();
        services.AddTransient<MonitorSweepFunction>();
        services.AddTransient<DeliverOutboxFunction>();
        services.AddTransient<ReconcileAttemptsFunction>();
        services.AddTransient<RetentionFunction>();
        services.AddTransient<SearchTripFunction>();
        services.AddTransient<StartBookingFunction>();
        services.AddTransient<PoisonMessageFunction>();
        return services;
    }
}
