using AutoBooking.Infrastructure.Extensions;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>The reconciler (timer) settling attempts nobody finished, and the operators' API behind it.</summary>
    public static IServiceCollection AddAutoBookingReconciliation(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReconcilerOptions>(ReconcilerOptions.SectionName);
        services.AddSingleton<AttemptReconciliationRepository>();
        services.AddSingleton<ReconcilerMetrics>();
        services.AddSingleton<ProviderTruth>();
        services.AddSingleton<SettlementSteps>();
        services.AddSingleton<AttemptReconciler>();
        services.AddSingleton<OperatorActions>();
        services.AddTransient<ReconcileAttemptsFunction>();
        services.AddTransient<OperatorAttemptsFunction>();
        return services;
    }
}
