using AutoBooking.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>Base of the contract tests: one recorded provider per real provider, and the production clients over them.</summary>
public abstract class ContractTest : IDisposable
{
    protected ContractTest()
    {
        Services = ContractServices.Create(Duffel, Stripe, Resend);
    }

    protected RecordedProvider Duffel { get; } = new();

    protected RecordedProvider Stripe { get; } = new();

    protected RecordedProvider Resend { get; } = new();

    protected ServiceProvider Services { get; }

    protected IFlightProvider Flights => Services.GetRequiredService<IFlightProvider>();

    protected IPaymentGateway Payments => Services.GetRequiredService<IPaymentGateway>();

    protected IPaymentMethodVault Vault => Services.GetRequiredService<IPaymentMethodVault>();

    protected INotificationSender Email => Services.GetRequiredService<INotificationSender>();

    public void Dispose()
    {
        Services.Dispose();
        GC.SuppressFinalize(this);
    }
}
