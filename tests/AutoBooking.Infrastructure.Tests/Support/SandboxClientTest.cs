using AutoBooking.Core.Ports;
using AutoBooking.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>A fresh sandbox and a fresh container per test (xunit creates an instance per test), so ledgers, faults and circuit breakers never leak.</summary>
public abstract class SandboxClientTest : IAsyncLifetime
{
    protected SandboxServer Sandbox { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    protected IFlightProvider Flights => Services.GetRequiredService<IFlightProvider>();

    protected IPaymentGateway Payments => Services.GetRequiredService<IPaymentGateway>();

    protected IPaymentMethodVault Vault => Services.GetRequiredService<IPaymentMethodVault>();

    protected INotificationSender Email => Services.GetRequiredService<INotificationSender>();

    /// <summary>Settings a test class wants on top of <see cref="ProviderServices"/>'s.</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(0, CancellationToken.None);
        Services = ProviderServices.Create(Sandbox, ExtraSettings);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    protected static FlightSearch LondonToNewYork(int adults = 1) =>
        new("LHR", "JFK", TestCalendar.FirstDeparture, null, Enumerable.Repeat(SearchPassenger.Adult, adults).ToList(), "economy", 1);

    /// <summary>Searches LHR→JFK and returns the cheapest offer.</summary>
    protected async Task<ProviderOffer> CheapestOfferAsync()
    {
        var result = await Flights.SearchAsync(LondonToNewYork(), CancellationToken.None);
        return result.Offers.MinBy(o => o.Candidate.Total.Amount)!;
    }

    /// <summary>A passport valid for ten years from the test calendar's today: BA and VS require one on LHR→JFK.</summary>
    protected static Core.Trips.IdentityDocument Passport { get; } = new("passport", "533401222", "GB", TestCalendar.Today.AddYears(10));

    protected static OrderRequest OrderFor(ProviderOffer offer, Guid attemptId) => new(
        offer.Candidate.ProviderOfferId,
        offer.Candidate.Total,
        [new OrderPassenger(offer.PassengerIds[0], "ms", "Ada", "Lovelace", new DateOnly(1990, 12, 10), "f", "ada@example.com", "+442080160508")
        {
            Document = Passport,
        }],
        attemptId);

    /// <summary>Books the cheapest LHR→JFK offer for a new attempt and returns the confirmed result.</summary>
    protected async Task<(OrderResult Order, Guid AttemptId)> BookAsync()
    {
        var attemptId = Guid.NewGuid();
        var order = await Flights.CreateOrderAsync(OrderFor(await CheapestOfferAsync(), attemptId), CancellationToken.None);
        Assert.Equal(OrderStatus.Confirmed, order.Status);
        return (order, attemptId);
    }
}
