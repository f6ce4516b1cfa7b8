using AutoBooking.Core.Ports;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>The real flight provider behind a <see cref="ProviderSwitch"/>: down while switched off, crashing before the order when armed.</summary>
public sealed class SwitchedFlightProvider(IFlightProvider real, ProviderSwitch control) : IFlightProvider
{
    public Task<FlightSearchResult> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        return real.SearchAsync(search, cancellationToken);
    }

    public Task<RepriceResult> RepriceAsync(string providerOfferId, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        return real.RepriceAsync(providerOfferId, cancellationToken);
    }

    public async Task<OrderResult> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        await control.CrashIfAsync(CrashPoint.BeforeOrder);
        return await real.CreateOrderAsync(request, cancellationToken);
    }

    public Task<FlightOrder?> GetOrderAsync(string providerOrderId, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        return real.GetOrderAsync(providerOrderId, cancellationToken);
    }

    public Task<FlightOrderPage> ListOrdersAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        return real.ListOrdersAsync(after, limit, cancellationToken);
    }

    public Task<FlightOrder?> FindOrderByAttemptAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        return real.FindOrderByAttemptAsync(attemptId, cancellationToken);
    }

    public Task<OrderCancellationResult> CancelOrderAsync(string providerOrderId, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        return real.CancelOrderAsync(providerOrderId, cancellationToken);
    }

    public Task<OrderResult> CreateHoldOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        return real.CreateHoldOrderAsync(request, cancellationToken);
    }

    public Task<HoldPaymentResult> PayHoldAsync(string providerOrderId, Core.Money.Money amount, CancellationToken cancellationToken)
    {
        control.ThrowIfDuffelDown();
        return real.PayHoldAsync(providerOrderId, amount, cancellationToken);
    }
}
