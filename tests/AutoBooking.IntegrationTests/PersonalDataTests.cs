using System.Text.Json.Nodes;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.Api;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Security;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The data rights: the export holds everything about the caller and nothing of anyone else; erasure leaves no PII
/// of the user anywhere (clear or encrypted), detaches their cards at Stripe, cancels what is active, keeps the
/// financial records, and waits for an in-flight booking to settle.
/// </summary>
public sealed class PersonalDataTests : IAsyncLifetime
{
    /// <summary>
    /// Ada's lead traveler (TripBodies), her companion, her saved profile "Margaret" (otherwise Grace Hopper's data,
    /// which Grace keeps in her own profile), and her user id.
    /// </summary>
    private static readonly string[] AdaPii =
        ["Lovelace", "ada.lovelace@example.com", "+442080160508", "1990-12-10", "Zebedee", "1988-03-04", "Margaret", "user-ada"];

    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private readonly string grace = TestTokens.For("user-grace");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        // Long enough that a booking waiting for approval is still in flight while the test asks for erasure.
        harness.Overrides["Booking:ApprovalTimeoutSeconds"] = "300";
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Export_UserWithBookedFamilyTripProfilesAndCard_HoldsEverythingDecrypted()
    {
        var tripId = await ArrangeAdaAsync();

        var request = PipelineHarness.Request("GET", token: ada);
        var export = Assert.IsType<PersonalDataExportResponse>(
            Assert.IsType<OkObjectResult>(await harness.Get<PersonalDataFunction>().Export(request, default)).Value);

        Assert.Equal("no-store", request.HttpContext.Response.Headers.CacheControl.ToString());
        Assert.Equal("user-ada", export.UserId);
        Assert.NotNull(export.StripeCustomerId);
        var trip = Assert.Single(export.Trips, t => t.Id == tripId);
        Assert.Equal("booked", trip.Status);
        Assert.Equal(["Ada", "Zebedee"], trip.Travelers.Select(t => t.GivenName));
        Assert.Equal("ada.lovelace@example.com", trip.Travelers[0].Email);
        Assert.Contains(trip.Events, e => e.Kind == "trip_created");
        Assert.NotEmpty(trip.Prices);
        Assert.NotEmpty(trip.Offers);
        var attempt = Assert.Single(trip.BookingAttempts);
        Assert.Equal("succeeded", attempt.Status);
        Assert.Equal(Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Id, attempt.PaymentIntentId);
        Assert.Equal(Assert.Single(harness.Sandbox.Ledger.Orders).BookingReference, trip.Booking?.BookingReference);
        var profile = Assert.Single(export.SavedTravelers);
        Assert.Equal("Margaret", profile.Traveler.GivenName);
        Assert.Equal("123456789", profile.Traveler.Document?.Number);
        Assert.Equal("4242", Assert.Single(export.PaymentMethods).Last4);

        var other = Assert.IsType<PersonalDataExportResponse>(Assert.IsType<OkObjectResult>(
            await harness.Get<PersonalDataFunction>().Export(PipelineHarness.Request("GET", token: grace), default)).Value);
        Assert.Empty(other.Trips);
        Assert.Empty(other.SavedTravelers);
        Assert.Empty(other.PaymentMethods);
        Assert.Null(other.StripeCustomerId);
    }

    [Fact]
    public async Task Erase_UserWithCompanionsProfilesAndCards_LeavesNoPiiKeepsFinancialRecords()
    {
        var bookedTrip = await ArrangeAdaAsync();
        var watchingTrip = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);
        var graceProfile = await harness.SaveTravelerAsync(grace);
        var adaCard = await db.ScalarAsync<string>("select stripe_payment_method_id from payment_methods where owner_id = 'user-ada'");
        Assert.NotNull((await harness.Get<IPaymentMethodVault>().GetCardAsync(adaCard, default))?.CustomerId);

        var summary = Assert.IsType<ErasureSummary>(Assert.IsType<OkObjectResult>(await EraseAsync(ada)).Value);

        Assert.Equal((1, 2, 1), (summary.TripsCancelled, summary.TripsAnonymised, summary.SavedTravelersDeleted));
        Assert.True(summary.CardsDetached >= 1);
        await AssertNoAdaPiiAsync();
        Assert.Null((await harness.Get<IPaymentMethodVault>().GetCardAsync(adaCard, default))?.CustomerId);
        // Financial records stay: the attempt with its PaymentIntent and order, the booking with its amount.
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from bookings where trip_id = @bookedTrip and amount > 0 and provider_order_id <> ''", new { bookedTrip }));
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from booking_attempts where trip_id = @bookedTrip and payment_intent_id is not null", new { bookedTrip }));
        Assert.Equal("cancelled", await db.ScalarAsync<string>("select status from trip_requests where id = @watchingTrip", new { watchingTrip }));
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from trip_events where kind = 'personal_data_erased'"));
        // Another user's data is untouched.
        Assert.Equal("Grace", ((TravelerResponse)((OkObjectResult)await harness.Get<TravelersFunction>().Get(
            PipelineHarness.Request("GET", token: grace), graceProfile.ToString(), default)).Value!).GivenName);
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Erased a user's personal data", StringComparison.Ordinal));

        var again = Assert.IsType<ErasureSummary>(Assert.IsType<OkObjectResult>(await EraseAsync(ada)).Value);
        Assert.Equal((0, 0, 0, 0), (again.TripsCancelled, again.TripsAnonymised, again.SavedTravelersDeleted, again.CardsDetached));
        var export = (PersonalDataExportResponse)((OkObjectResult)await harness.Get<PersonalDataFunction>().Export(
            PipelineHarness.Request("GET", token: ada), default)).Value!;
        Assert.Empty(export.Trips);
        Assert.Empty(export.SavedTravelers);
    }

    [Fact]
    public async Task Erase_WhileStripeCannotDetachACard_Is503WithRetryAfter_AndARetryFinishesTheJob()
    {
        await ArrangeAdaAsync();
        var adaCard = await db.ScalarAsync<string>("select stripe_payment_method_id from payment_methods where owner_id = 'user-ada'");
        harness.Sandbox.Faults.FailNext(AutoBooking.Sandbox.StripeOperation.DetachPaymentMethod, 50, AutoBooking.Sandbox.StripeFault.ServerError);

        var request = PipelineHarness.Request("DELETE", token: ada);
        var refused = await harness.Get<PersonalDataFunction>().Erase(request, default);

        ApiEndpoints.AssertProblem(refused, 503, "provider-unavailable", "Stripe down during erasure");
        Assert.Equal("30", request.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_events where kind = 'personal_data_erased'"));
        Assert.NotNull((await harness.Get<IPaymentMethodVault>().GetCardAsync(adaCard, default))?.CustomerId);

        harness.Sandbox.Faults.Clear();
        Assert.IsType<ErasureSummary>(Assert.IsType<OkObjectResult>(await EraseAsync(ada)).Value);

        await AssertNoAdaPiiAsync();
        Assert.Null((await harness.Get<IPaymentMethodVault>().GetCardAsync(adaCard, default))?.CustomerId);
    }

    [Fact]
    public async Task Erase_CancelsOpenSetupIntents_AndDetachesACardSavedAtStripeButNotYetRecorded()
    {
        await ArrangeAdaAsync();
        var open = await StripeFlow.StartAsync(harness, ada, "erase-open-setup-1");
        var unrecorded = await StripeFlow.StartAsync(harness, ada, "erase-late-setup-1");
        // Confirmed with Stripe.js, but its setup_intent.succeeded webhook has not reached us yet.
        var lateCard = await StripeFlow.ConfirmAtStripeAsync(harness, unrecorded.SetupIntentId, "pm_card_visa");
        Assert.NotNull((await harness.Get<IPaymentMethodVault>().GetCardAsync(lateCard, default))?.CustomerId);

        var summary = Assert.IsType<ErasureSummary>(Assert.IsType<OkObjectResult>(await EraseAsync(ada)).Value);

        Assert.Equal("canceled", Assert.Single(harness.Sandbox.Ledger.SetupIntents, s => s.Id == open.SetupIntentId).Status);
        Assert.Equal("succeeded", Assert.Single(harness.Sandbox.Ledger.SetupIntents, s => s.Id == unrecorded.SetupIntentId).Status);
        Assert.Null((await harness.Get<IPaymentMethodVault>().GetCardAsync(lateCard, default))?.CustomerId);
        Assert.True(summary.CardsDetached >= 2);
        // The cancelled setup can no longer save a card for the erased customer.
        await Assert.ThrowsAnyAsync<Exception>(() => StripeFlow.ConfirmAtStripeAsync(harness, open.SetupIntentId, "pm_card_visa"));
    }

    [Fact]
    public async Task Erase_RemovesTheUsersIdempotencyKeys_AndNoOneElses()
    {
        var bob = TestTokens.For("user-bob");
        foreach (var (token, key) in new[] { (ada, "erase-key-ada-1"), (bob, "erase-key-bob-1") })
        {
            var request = PipelineHarness.Request("POST", TripBodies.Valid(maxPrice: 100m), token);
            request.Headers[IdempotencyKey.Header] = key;
            Assert.IsType<CreatedResult>(await harness.Get<CreateTripFunction>().Run(request, default));
        }

        Assert.IsType<OkObjectResult>(await EraseAsync(ada));

        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from idempotency_keys where owner_id = 'user-ada'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from idempotency_keys where owner_id = 'user-bob'"));
    }

    [Fact]
    public async Task Erase_WhileABookingAwaitsApproval_Is409AndErasesNothing_ThenErasesOnceItSettles()
    {
        var tripId = await StartAwaitingApprovalAsync();
        var before = await EverythingAsync();

        var request = PipelineHarness.Request("DELETE", token: ada);
        var deferred = await harness.Get<PersonalDataFunction>().Erase(request, default);

        ApiEndpoints.AssertProblem(deferred, 409, "booking-in-flight", "erasure mid-booking");
        Assert.Equal("300", request.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.Equal(before, await EverythingAsync());

        Assert.IsType<AcceptedResult>(await harness.Get<ApproveTripFunction>().Run(
            PipelineHarness.Request("POST", """{"approve":false}""", ada), tripId.ToString(), harness.Durable, default));
        Assert.Equal(FailureCodes.ApprovalDeclined, (await harness.WaitForBookingAsync(tripId)).FailureCode);

        var summary = Assert.IsType<ErasureSummary>(Assert.IsType<OkObjectResult>(await EraseAsync(ada)).Value);
        Assert.Equal(1, summary.TripsCancelled);
        Assert.Equal("cancelled", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
        await AssertNoAdaPiiAsync();
    }

    /// <summary>Ada: a saved card, a saved profile (Margaret Hopper), and a booked trip with a companion (Zebedee).</summary>
    private async Task<Guid> ArrangeAdaAsync()
    {
        await StripeFlow.SaveCardAsync(harness, ada, "pm_card_visa");
        Assert.IsType<CreatedResult>(await harness.Get<TravelersFunction>().Create(
            PipelineHarness.Request("POST", TravelerBodies.Valid("Margaret"), ada), default));
        var body = JsonNode.Parse(TripBodies.Valid(maxPrice: 900m))!.AsObject();
        body["companions"] = new JsonArray(new JsonObject
        {
            ["title"] = "mr", ["givenName"] = "Zebedee", ["familyName"] = "Lovelace", ["bornOn"] = "1988-03-04", ["gender"] = "m",
            ["email"] = "ada.lovelace@example.com", ["phone"] = "+442080160508",
            ["document"] = JsonNode.Parse(TripBodies.Passport.Replace("533401222", "533401229", StringComparison.Ordinal)),
        });
        var tripId = await harness.CreateTripIdAsync(body.ToJsonString(), ada);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);
        return tripId;
    }

    private async Task<Guid> StartAwaitingApprovalAsync()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.With(TripBodies.Valid(), "\"approvalRequired\": true"), ada);
        await harness.DrainSearchQueueAsync();
        await harness.DrainBookingQueueAsync();
        // The saga records the request before it waits for the answer.
        const string requested = "select count(*) from trip_events where trip_id = @tripId and kind = 'approval_requested'";
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>(requested, new { tripId }) > 0, "the approval request");
        Assert.Equal(1L, await db.ScalarAsync<long>(requested, new { tripId }));
        return tripId;
    }

    private Task<IActionResult> EraseAsync(string token) =>
        harness.Get<PersonalDataFunction>().Erase(PipelineHarness.Request("DELETE", token: token), default);

    /// <summary>
    /// No table holds Ada's PII in clear, no encrypted value decrypts to it, no row names her, and no log line
    /// carries it.
    /// </summary>
    private async Task AssertNoAdaPiiAsync()
    {
        var (rows, decrypted) = await StoredData.ReadAllAsync(db, harness.Get<PiiProtector>());
        foreach (var value in AdaPii)
        {
            Assert.DoesNotContain(rows, row => row.Contains(value, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(decrypted, row => row.Contains(value, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    private Task<List<string>> EverythingAsync() => db.QueryAsync<string>(
        "select row_to_json(t)::text from trip_requests t union all select row_to_json(v)::text from travelers v "
        + "union all select row_to_json(p)::text from payment_methods p union all select row_to_json(e)::text from trip_events e "
        + "union all select row_to_json(a)::text from booking_attempts a");
}
