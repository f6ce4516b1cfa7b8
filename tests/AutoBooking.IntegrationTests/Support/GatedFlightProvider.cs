using AutoBooking.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Wraps the app's flight provider so that searches wait at a gate the test opens: a search that is "merely slow".
/// Everything else passes straight through to the real client (the sandbox).
/// </summary>
public sealed class GatedFlightProvider(IFlightProvider inner, SearchGate gate) : IFlightProvider
{
    /// <summary>Replaces the registered <see cref="IFlightProvider"/> with a gated wrapper around it.</summary>
    public static void Install(IServiceCollection services, SearchGate gate)
    {
        var original = services.Last(d => d.ServiceType == typeof(IFlightProvider));
        services.Remove(original);
        services.Add(new ServiceDescriptor(typeof(IFlightProvider), sp => new GatedFlightProvider(Create(sp, original), gate), original.Lifetime));
    }

    private static IFlightProvider Create(IServiceProvider services, ServiceDescriptor original) =>
        (IFlightProvider)(original.ImplementationFactory?.Invoke(services)
            ?? original.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!));

    public async Task<FlightSearchResult> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        await gate.PassAsync(cancellationToken);
        return await inner.SearchAsync(search, cancellationToken);
    }

    public Task<RepriceResult> RepriceAsync(string providerOfferId, CancellationToken cancellationToken) => inner.RepriceAsync(providerOfferId, cancellationToken);

    public Task<OrderResult> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken) => inner.CreateOrderAsync(request, cancellationToken);

    public Task<FlightOrder?> GetOrderAsync(string providerOrderId, CancellationToken cancellationToken) => inner.GetOrderAsync(providerOrderId, cancellationToken);

    public Task<FlightOrderPage> ListOrdersAsync(string? after, int limit, CancellationToken cancellationToken) => inner.ListOrdersAsync(after, limit, cancellationToken);

    public Task<FlightOrder?> FindOrderByAttemptAsync(Guid attemptId, CancellationToken cancellationToken) => inner.FindOrderByAttemptAsync(attemptId, cancellationToken);

    public Task<OrderCancellationResult> CancelOrderAsync(string providerOrderId, CancellationToken cancellationToken) => inner.CancelOrderAsync(providerOrderId, cancellationToken);

    public Task<OrderResult> CreateHoldOrderAsync(OrderRequest request, CancellationToken cancellationToken) => inner.CreateHoldOrderAsync(request, cancellationToken);

    public Task<HoldPaymentResult> PayHoldAsync(string providerOrderId, Core.Money.Money amount, CancellationToken cancellationToken) =>
        inner.PayHoldAsync(providerOrderId, amount, cancellationToken);
}
