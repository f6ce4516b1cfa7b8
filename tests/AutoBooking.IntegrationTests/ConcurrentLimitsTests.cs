using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Per-user limits hold under any number of simultaneous requests: 100 creates at once store exactly the limit
/// (active trips, traveler profiles, saved cards), and every other request is the limit's 409 problem.
/// </summary>
public sealed class ConcurrentLimitsTests : IAsyncLifetime
{
    private const int Simultaneous = 100;
    private readonly PipelineHarness harness = new();

    public async Task InitializeAsync()
    {
        // A bounded pool: 100 requests queue for 30 connections, and the shared PostgreSQL keeps room for everyone else.
        harness.Overrides["Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(LocalServices.Postgres)
        {
            Database = harness.DatabaseName, MaxPoolSize = 30, Timeout = 60,
        }.ConnectionString;
        await harness.InitializeAsync();
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task CreateTrip_HundredAtOnce_StoresExactlyTheActiveLimit()
    {
        var token = TestTokens.For("user-burst-trips");

        var results = await Task.WhenAll(Enumerable.Range(0, Simultaneous).Select(_ => Task.Run(() => harness.CreateTripAsync(TripBodies.Valid(), token))));

        const int limit = 10;
        Assert.Equal(limit, results.Count(r => r is CreatedResult));
        Assert.All(results.Where(r => r is not CreatedResult), r => ApiEndpoints.AssertProblem(r, 409, "active-trip-limit", "over the limit"));
        Assert.Equal(limit, await new Db(harness.DatabaseConnectionString).ScalarAsync<long>(
            "select count(*) from trip_requests where owner_id = 'user-burst-trips'"));
    }

    [Fact]
    public async Task CreateTraveler_HundredAtOnce_StoresExactlyTheProfileLimit()
    {
        var token = TestTokens.For("user-burst-travelers");

        var results = await Task.WhenAll(Enumerable.Range(0, Simultaneous).Select(_ => Task.Run(() =>
            harness.Get<TravelersFunction>().Create(PipelineHarness.Request("POST", TravelerBodies.Valid(), token), default))));

        Assert.Equal(TravelerApi.MaxTravelersPerUser, results.Count(r => r is CreatedResult));
        Assert.All(results.Where(r => r is not CreatedResult), r => ApiEndpoints.AssertProblem(r, 409, "traveler-limit", "over the limit"));
        Assert.Equal(TravelerApi.MaxTravelersPerUser, await new Db(harness.DatabaseConnectionString).ScalarAsync<long>(
            "select count(*) from travelers where owner_id = 'user-burst-travelers'"));
    }

    [Fact]
    public async Task SaveCard_HundredSetupsSucceedingAtOnce_RecordsExactlyTheCardLimitAndDetachesTheRest()
    {
        var token = TestTokens.For("user-burst-cards");
        // Setups started before any card was recorded all pass the courtesy check; recording the card decides.
        var setups = new List<(string SetupIntentId, string PaymentMethodId)>();
        for (var i = 0; i < Simultaneous; i++)
        {
            var setup = await StripeFlow.StartAsync(harness, token, $"burst-card-{i:D4}");
            setups.Add((setup.SetupIntentId, await StripeFlow.ConfirmAtStripeAsync(harness, setup.SetupIntentId, "pm_card_visa")));
        }
        var customer = await StripeFlow.SetupIntentCustomerAsync(harness, setups[0].SetupIntentId);
        Assert.Equal(Simultaneous, setups.Select(s => s.PaymentMethodId).Distinct().Count());

        var results = await Task.WhenAll(setups.Select((s, i) => Task.Run(() => StripeFlow.SendWebhookAsync(harness,
            StripeFlow.SetupSucceededEvent($"evt_burst_{i:D4}", s.SetupIntentId, customer, s.PaymentMethodId)))));

        Assert.All(results, r => Assert.IsType<OkResult>(r));
        var db = new Db(harness.DatabaseConnectionString);
        Assert.Equal(PaymentMethodApi.MaxPaymentMethodsPerUser, await db.ScalarAsync<long>("select count(*) from payment_methods where owner_id = 'user-burst-cards'"));
        var kept = await db.QueryAsync<string>("select stripe_payment_method_id from payment_methods where owner_id = 'user-burst-cards'");
        foreach (var (_, paymentMethodId) in setups.Where(s => !kept.Contains(s.PaymentMethodId)))
        {
            Assert.Single(harness.Sandbox.Ledger.RequestsTo("stripe", "POST", $"/v1/payment_methods/{paymentMethodId}/detach"));
        }
        ApiEndpoints.AssertProblem(await harness.Get<PaymentMethodsFunction>().StartSetup(PipelineHarness.Request("POST", token: token), default),
            409, "payment-method-limit", "at the limit, no new setup");
    }
}
