using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// The saga's orchestrator and activities, listed once: the DI registrations and the trigger adapters
/// (<see cref="BookingTriggers"/>, checked against this list by a test; the host and the tests' in-process engine both
/// run the saga through them) follow <see cref="Activities"/>.
/// </summary>
public static class BookingTasks
{
    public static Type Orchestrator { get; } = typeof(BookTripOrchestrator);

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(CheckKillSwitchActivity),
        typeof(HoldFareActivity),
        typeof(RequestApprovalActivity),
        typeof(CheckHeldFareActivity),
        typeof(RepriceHeldFareActivity),
        typeof(PayHeldFareActivity),
        typeof(RepriceOfferActivity),
        typeof(AuthorizePaymentActivity),
        typeof(AwaitAuthenticationActivity),
        typeof(ConfirmAuthenticationActivity),
        typeof(CreateOrderActivity),
        typeof(LookUpOrderActivity),
        typeof(CapturePaymentActivity),
        typeof(CancelOrderActivity),
        typeof(CancelAuthorizationActivity),
        typeof(ReadPaymentActivity),
        typeof(RecordBookingActivity),
        typeof(EndAttemptActivity),
        typeof(FlagAttemptActivity),
    ];

    /// <summary>
    /// The name an activity is scheduled and triggered by, recorded in every saga's history: its class name, or the name
    /// its <see cref="RecordedNameAttribute"/> keeps after a rename.
    /// </summary>
    public static string NameOf(Type activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.GetCustomAttribute<RecordedNameAttribute>()?.Name ?? activity.Name;
    }

    /// <summary>The booking saga: its activities (one list, <see cref="Activities"/>), resolved per call by the triggers and by the Durable test engine.</summary>
    public static IServiceCollection AddBookingSaga(this IServiceCollection services) => services.AddBookingActivities();

    /// <summary>The activities, resolved per call by the triggers and by the Durable test engine.</summary>
    public static IServiceCollection AddBookingActivities(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var activity in Activities)
        {
            services.AddTransient(activity);
        }
        return services;
    }
}
