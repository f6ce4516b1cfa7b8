using AutoBooking.Functions.Account;
using AutoBooking.Functions.Auth;
using AutoBooking.Functions.Booking;
using AutoBooking.Functions.BookingStart;
using AutoBooking.Functions.Monitor;
using AutoBooking.Functions.Notifications;
using AutoBooking.Functions.Operations;
using AutoBooking.Functions.Reconciliation;
using AutoBooking.Functions.Retention;
using AutoBooking.Functions.Trips;
using AutoBooking.Functions.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Extensions;

/// <summary>
/// The app's stages, in the order a trip travels. Each stage is a folder holding its entry points (the function
/// classes, registered so a test host built from these registrations can invoke them like the Functions host), the
/// services behind them and its own <c>AddX</c> registration; docs/architecture.md and the README's Layout name each
/// stage's folder and entry class.
/// </summary>
public static class FunctionsServiceCollectionExtensions
{
    public static IServiceCollection AddAutoBookingPipeline(this IServiceCollection services) => services
        .AddApiAccess()
        .AddTripsApi()
        .AddTravelerAccountApi()
        .AddMonitor()
        .AddBookingStart()
        .AddBookingSaga()
        .AddProviderWebhooks()
        .AddOutbox()
        .AddAutoBookingReconciliation()
        .AddRetention()
        .AddOperations();
}
