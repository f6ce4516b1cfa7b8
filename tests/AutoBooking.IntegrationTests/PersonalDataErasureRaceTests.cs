using System.Globalization;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Security;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Erasure and the user's own creates serialize on one owner lock: an erasure racing 30 trip creates, 10 profile saves
/// and 5 cards arriving from Stripe leaves no active trip, no PII and no attached card of what raced it; every create
/// either committed before it (and was erased), was refused with 409 erasure-in-progress, or came after it (a fresh
/// start that owns nothing of the erased data); never a 500. A card Stripe saves for the customer after the erasure is
/// detached at once.
/// </summary>
public sealed class PersonalDataErasureRaceTests : IAsyncLifetime
{
    private const int Rounds = 6;
    private const int TripCreates = 30;
    private const int ProfileSaves = 10;
    private const int CardSaves = 5;
    private readonly PipelineHarness harness = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        // A bounded pool, as in ConcurrentLimitsTests; the active-trip limit is out of the way so only erasure refuses.
        harness.Overrides["Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(LocalServices.Postgres)
        {
            Database = harness.DatabaseName, MaxPoolSize = 30, Timeout = 60,
        }.ConnectionString;
        harness.Overrides["Api:MaxActiveTripsPerUser"] = "100";
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Erase_RacingTripCreatesProfileSavesAndCardSaves_LeavesNothingActiveNoPiiNoCardAndNo500()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await RunRoundAsync(round);
        }
    }

    [Fact]
    public async Task SetupSucceeded_ForAnErasedCustomer_DetachesTheCardAtOnce()
    {
        var token = TestTokens.For("user-late-card");
        await StripeFlow.SaveCardAsync(harness, token, "pm_card_visa");
        var customer = await db.ScalarAsync<string>("select customer_id from stripe_customers where owner_id = 'user-late-card'");
        Assert.IsType<OkObjectResult>(await EraseAsync(token));
        // A SetupIntent that slipped past the erasure's cancel (created at Stripe after it), confirmed by Stripe.js.
        var vault = harness.Get<IPaymentMethodVault>();
        var late = await vault.CreateSetupIntentAsync(customer, "late-setup-after-erasure", default);
        var card = await StripeFlow.ConfirmAtStripeAsync(harness, late.SetupIntentId, "pm_card_visa");
        Assert.Equal(customer, (await vault.GetCardAsync(card, default))?.CustomerId);

        var result = await StripeFlow.SendWebhookAsync(harness, StripeFlow.SetupSucceededEvent("evt_late_card", late.SetupIntentId, customer, card));

        Assert.IsType<OkResult>(result);
        Assert.Null((await vault.GetCardAsync(card, default))?.CustomerId);
        Assert.Single(harness.Sandbox.Ledger.RequestsTo("stripe", "POST", $"/v1/payment_methods/{card}/detach"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from payment_methods where stripe_payment_method_id = @card", new { card }));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from stripe_customers where customer_id = @customer", new { customer }));
    }

    private async Task RunRoundAsync(int round)
    {
        var userId = $"user-race-{round}";
        var token = TestTokens.For(userId);
        // Before the race: a card, a profile and a trip, so the erasure has something to cancel, detach and erase.
        await StripeFlow.SaveCardAsync(harness, token, "pm_card_visa");
        Assert.IsType<CreatedResult>(await harness.Get<TravelersFunction>().Create(
            PipelineHarness.Request("POST", TravelerBodies.Valid(Name(round, 99, "Prior")), token), default));
        Assert.IsType<CreatedResult>(await harness.CreateTripAsync(TripBody(Name(round, 98, "Prior")), token));
        // Cards confirmed at Stripe whose setup_intent.succeeded webhooks arrive during the race.
        var cards = new List<(string SetupIntentId, string PaymentMethodId)>();
        for (var i = 0; i < CardSaves; i++)
        {
            var setup = await StripeFlow.StartAsync(harness, token, $"race-{round}-card-{i}");
            cards.Add((setup.SetupIntentId, await StripeFlow.ConfirmAtStripeAsync(harness, setup.SetupIntentId, "pm_card_visa")));
        }
        var customer = await StripeFlow.SetupIntentCustomerAsync(harness, cards[0].SetupIntentId);
        var priorCard = await db.ScalarAsync<string>("select stripe_payment_method_id from payment_methods where owner_id = @userId", new { userId });

        // The requests arrive over about 100 ms; the erasure lands at a different moment of that stream each round, so
        // creates commit before it, queue behind it, and (some rounds) come after it.
        var trips = Enumerable.Range(0, TripCreates).Select(i => After(i * 3, () => harness.CreateTripAsync(TripBody(Name(round, i, "Trip")), token))).ToList();
        var profiles = Enumerable.Range(0, ProfileSaves).Select(i => After(i * 10, () => harness.Get<TravelersFunction>().Create(
            PipelineHarness.Request("POST", TravelerBodies.Valid(Name(round, i, "Profile")), token), default))).ToList();
        var webhooks = cards.Select((c, i) => After(i * 20, () => StripeFlow.SendWebhookAsync(harness,
            StripeFlow.SetupSucceededEvent($"evt_race_{round}_{i}", c.SetupIntentId, customer, c.PaymentMethodId)))).ToList();
        var erasure = After(round * 20, () => EraseAsync(token));
        await Task.WhenAll([.. trips, .. profiles, .. webhooks, erasure]);

        Assert.IsType<ErasureSummary>(Assert.IsType<OkObjectResult>(erasure.Result).Value);
        Assert.All(webhooks, w => Assert.IsType<OkResult>(w.Result));
        var erasedNames = new List<string> { Name(round, 99, "Prior"), Name(round, 98, "Prior") };
        var freshTrips = new HashSet<Guid>();
        foreach (var (create, i) in trips.Select((t, i) => (t.Result, i)))
        {
            if (create is CreatedResult { Value: TripResponse trip }
                && await db.ScalarAsync<string>("select owner_id from trip_requests where id = @Id", new { trip.Id }) == userId)
            {
                // Committed after the erasure (no erasure had its lock any more): a fresh start of the same user.
                freshTrips.Add(trip.Id);
                continue;
            }
            erasedNames.Add(Name(round, i, "Trip"));
            if (create is CreatedResult { Value: TripResponse erased })
            {
                // Committed before the erasure: it was cancelled and anonymised with the rest.
                var (status, piiErasedAt) = await db.QuerySingleAsync<(string, DateTime?)>(
                    "select status, pii_erased_at from trip_requests where id = @Id", new { erased.Id });
                Assert.Equal("cancelled", status);
                Assert.NotNull(piiErasedAt);
            }
            else
            {
                ApiEndpoints.AssertProblem(create, 409, "erasure-in-progress", $"round {round}: trip create {i} racing the erasure");
            }
        }
        var freshProfiles = new HashSet<Guid>();
        foreach (var (create, i) in profiles.Select((t, i) => (t.Result, i)))
        {
            if (create is CreatedResult { Value: TravelerResponse profile }
                && await db.ScalarAsync<long>("select count(*) from travelers where id = @Id and owner_id = @userId", new { profile.Id, userId }) == 1)
            {
                freshProfiles.Add(profile.Id);
                continue;
            }
            erasedNames.Add(Name(round, i, "Profile"));
            if (create is not CreatedResult)
            {
                ApiEndpoints.AssertProblem(create, 409, "erasure-in-progress", $"round {round}: profile save {i} racing the erasure");
            }
        }

        // Nothing the erasure saw or refused is active or left behind; what the user has now came after it.
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "select count(*) from trip_requests where owner_id like 'erased:%' and status in ('draft', 'watching', 'paused', 'booking')"));
        Assert.Equal(freshTrips.Order(), (await db.QueryAsync<Guid>("select id from trip_requests where owner_id = @userId", new { userId })).Order());
        Assert.Equal(freshProfiles.Order(), (await db.QueryAsync<Guid>("select id from travelers where owner_id = @userId", new { userId })).Order());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from payment_methods where owner_id = @userId", new { userId }));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from erasures_in_progress"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from erased_stripe_customers where customer_id = @customer", new { customer }));
        var vault = harness.Get<IPaymentMethodVault>();
        foreach (var card in cards.Select(c => c.PaymentMethodId).Append(priorCard))
        {
            Assert.Null((await vault.GetCardAsync(card, default))?.CustomerId);
        }
        await AssertNoneOfAsync(erasedNames, round);
        if (freshTrips.Count == 0 && freshProfiles.Count == 0)
        {
            await AssertNoneOfAsync([userId], round);
        }
    }

    /// <summary>No table holds these values in clear, no encrypted value decrypts to them, and no log line carries them.</summary>
    private async Task AssertNoneOfAsync(IReadOnlyList<string> values, int round)
    {
        var (rows, decrypted) = await StoredData.ReadAllAsync(db, harness.Get<PiiProtector>());
        foreach (var value in values)
        {
            Assert.False(rows.Any(row => row.Contains(value, StringComparison.OrdinalIgnoreCase)), $"round {round}: {value} left in a table");
            Assert.False(decrypted.Any(row => row.Contains(value, StringComparison.OrdinalIgnoreCase)), $"round {round}: {value} left encrypted");
            Assert.False(harness.Logs.Lines.Any(line => line.Contains(value, StringComparison.OrdinalIgnoreCase)), $"round {round}: {value} logged");
        }
    }

    private static Task<IActionResult> After(int milliseconds, Func<Task<IActionResult>> request) => Task.Run(async () =>
    {
        await Task.Delay(milliseconds);
        return await request();
    });

    private Task<IActionResult> EraseAsync(string token) =>
        harness.Get<PersonalDataFunction>().Erase(PipelineHarness.Request("DELETE", token: token), default);

    /// <summary>Ada's trip (with her passport) under a given name of its own, so what is left of each request can be found.</summary>
    private static string TripBody(string givenName) =>
        TripBodies.Valid(maxPrice: 100m).Replace("\"givenName\": \"Ada\"", $"\"givenName\": \"{givenName}\"", StringComparison.Ordinal);

    /// <summary>A unique given name in letters only (names travel to airlines): Trip + round + index spelled as letters.</summary>
    private static string Name(int round, int index, string kind) =>
        kind + new string((round * 100 + index + 1000).ToString(CultureInfo.InvariantCulture).Select(c => (char)('a' + (c - '0'))).ToArray());
}
