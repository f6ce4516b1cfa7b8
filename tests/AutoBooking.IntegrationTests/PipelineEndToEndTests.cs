using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.BookingStart;
using AutoBooking.Functions.Monitor;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Stripe;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The walking skeleton end to end: HTTP → search queue → booking queue → Durable saga → Postgres and the
/// providers' ledger, on real PostgreSQL, Redis and Azurite.
/// </summary>
public sealed class PipelineEndToEndTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Pipeline_FareUnderBudget_BooksOnceCapturesOnceEmailsOnce()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        var token = TestTokens.For("user-ada");

        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), token);
        Assert.Equal([SearchOutcome.BookingRequested], await harness.DrainSearchQueueAsync());
        Assert.Equal([StartOutcome.Started], await harness.DrainBookingQueueAsync());
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        var trip = await GetTripAsync(tripId, token);
        Assert.Equal("booked", trip.Status);
        Assert.NotNull(trip.Booking);
        Assert.Equal(420.00m, trip.Booking.AmountPaid.Amount);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from bookings where trip_id = @tripId", new { tripId }));

        var order = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal(trip.Booking.BookingReference, order.BookingReference);
        var payment = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("succeeded", payment.Status);
        Assert.Equal(42000, payment.Amount);
        Assert.Equal(1, payment.CaptureCount);
        var email = Assert.Single(harness.Sandbox.Ledger.Emails);
        Assert.Contains(order.BookingReference, email.Subject, StringComparison.Ordinal);
        Assert.Equal(["ada.lovelace@example.com"], email.To);
        Assert.Contains(Assert.Single(order.TicketNumbers), email.Text, StringComparison.Ordinal);
        Assert.Contains("LHR", email.Text, StringComparison.Ordinal);
        Assert.Contains("420.00", email.Text, StringComparison.Ordinal);
        Assert.IsType<CreatedResult>(await harness.Get<TravelersFunction>().Create(
            PipelineHarness.Request("POST", TravelerBodies.Valid(), token), CancellationToken.None));
        await AssertNoTravelerPiiStoredOrLoggedAsync();
    }

    [Fact]
    public async Task Pipeline_OrderCreationFails_CancelsAuthorizationChargesNothingWatchesAgain()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        harness.Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.OfferNoLongerAvailable);
        var token = TestTokens.For("user-ada");

        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), token);
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.NotBooked, outcome.Kind);
        Assert.Equal(FailureCodes.OrderRejected, outcome.FailureCode);
        var payment = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("canceled", payment.Status);
        Assert.Equal(0, payment.CaptureCount);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        Assert.Empty(harness.Sandbox.Ledger.Emails);
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from bookings"));
        var trip = await GetTripAsync(tripId, token);
        Assert.Equal("watching", trip.Status);
        Assert.Equal("failed", await db.ScalarAsync<string>("select status from booking_attempts where trip_id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task Pipeline_OrderResponseLost_ReconcilesFindsTheOrderAndBooksWithoutRepostingIt()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        harness.Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.LostResponse);
        var token = TestTokens.For("user-ada");

        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), token);
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        var order = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal(order.BookingReference, outcome.BookingReference);
        var payment = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("succeeded", payment.Status);
        Assert.Equal(1, payment.CaptureCount);
        Assert.Equal(order.Id, await db.ScalarAsync<string>("select provider_order_id from bookings where trip_id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task Pipeline_OrderOutcomeUnknownAndNoOrderFound_HoldsMoneyCapturesNothingAndAlerts()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        harness.Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.ServerError);
        var token = TestTokens.For("user-ada");

        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), token);
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.NeedsAttention, outcome.Kind);
        Assert.Equal(FailureCodes.OrderOutcomeUnknown, outcome.FailureCode);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        var payment = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("requires_capture", payment.Status);
        Assert.Equal(0, payment.CaptureCount);
        Assert.Equal("needs_attention", await db.ScalarAsync<string>("select status from booking_attempts where trip_id = @tripId", new { tripId }));
        Assert.Equal("failed", (await GetTripAsync(tripId, token)).Status);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("ALERT booking attempt", StringComparison.Ordinal));
        // Exactly one order POST reached the provider: the ambiguous one was never re-sent.
        Assert.Equal(1, harness.Sandbox.Ledger.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/air/orders", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pipeline_CaptureFails_CancelsTheOrderReleasesTheHoldAndTellsTheTraveler()
    {
        await using var faulty = new PipelineHarness
        {
            ConfigureServices = services => services.AddSingleton<IPaymentGateway>(sp =>
                new FailingCaptureGateway(ActivatorUtilities.CreateInstance<StripePaymentGateway>(sp))),
        };
        await faulty.InitializeAsync();
        var faultyDb = new Db(faulty.DatabaseConnectionString);
        faulty.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        var token = TestTokens.For("user-ada");
        var tripId = await faulty.CreateTripIdAsync(TripBodies.Valid(), token);
        var outcome = await faulty.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.NotBooked, outcome.Kind);
        Assert.Equal(FailureCodes.CaptureFailed, outcome.FailureCode);
        var order = Assert.Single(faulty.Sandbox.Ledger.Orders);
        Assert.Contains(faulty.Sandbox.Ledger.OrderCancellations, c => c.OrderId == order.Id && c.ConfirmedAt is not null);
        var payment = Assert.Single(faulty.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("canceled", payment.Status);
        Assert.Equal(0, payment.CaptureCount);
        Assert.Equal(0L, await faultyDb.ScalarAsync<long>("select count(*) from bookings"));
        Assert.Equal("failed", await faultyDb.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
    }

    [Theory]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", FailureCodes.CardDeclined)]
    [InlineData("pm_card_authenticationRequired", FailureCodes.AuthenticationRequired)]
    public async Task Pipeline_CardCannotBeHeld_BuysNothingAndTellsTheTraveler(string card, string expectedCode)
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        var token = TestTokens.For("user-ada");

        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(paymentMethod: card), token);
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.NotBooked, outcome.Kind);
        Assert.Equal(expectedCode, outcome.FailureCode);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        Assert.All(harness.Sandbox.Ledger.PaymentIntents, p => Assert.Equal(0, p.CaptureCount));
        Assert.Equal("failed", (await GetTripAsync(tripId, token)).Status);
        var email = Assert.Single(harness.Sandbox.Ledger.Emails);
        Assert.Equal(["ada.lovelace@example.com"], email.To);
        Assert.Contains(FailureMessages.ForTraveler(expectedCode)[..20], email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_IntentLeftProcessing_IsCancelledBeforeTheAttemptEnds_NothingBought()
    {
        // A PaymentIntent that is neither held nor declined (processing) could still come to hold the money: cancelled.
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        var token = TestTokens.For("user-ada");

        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(paymentMethod: "pm_card_processing"), token);
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal((BookingOutcomeKind.NotBooked, FailureCodes.PaymentFailed), (outcome.Kind, outcome.FailureCode));
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        var intent = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("canceled", intent.Status);
        Assert.Equal(0, intent.CaptureCount);
        Assert.Equal("failed", (await GetTripAsync(tripId, token)).Status);
        await SagaInvariants.AssertTripAsync(harness.Sandbox.Ledger, harness.DatabaseConnectionString, tripId);
    }

    [Fact]
    public async Task Pipeline_FareFallsBelowBudgetLater_MonitorSweepFindsItAndBooks()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 650.00m, "GBP");
        var token = TestTokens.For("user-ada");
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), token);

        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());
        Assert.Equal(0, await harness.RunMonitorSweepAsync());

        // Time passes: the trip's next check comes due, and the fare has dropped.
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute' where id = @tripId", new { tripId });
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 455.00m, "GBP");
        await harness.ExpireSharedSearchesAsync();

        Assert.Equal(1, await harness.RunMonitorSweepAsync());
        Assert.Equal(0, await harness.RunMonitorSweepAsync());
        Assert.Equal([SearchOutcome.BookingRequested], await harness.DrainSearchQueueAsync());
        Assert.Equal([StartOutcome.Started], await harness.DrainBookingQueueAsync());
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.WaitForBookingAsync(tripId)).Kind);

        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from price_observations where trip_id = @tripId", new { tripId }));
        Assert.Equal(45500, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
    }

    [Fact]
    public async Task BookingStarter_DuplicateMessage_NeverStartsASecondBooking()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("user-ada"));
        await harness.DrainSearchQueueAsync();
        var original = Assert.Single(await harness.PeekAllAsync(harness.BookingQueue));
        await harness.BookingQueue.SendMessageAsync(original);

        var outcomes = await harness.DrainBookingQueueAsync();
        await harness.WaitForBookingAsync(tripId);
        // Delivered again after the booking finished: the trip is no longer watching.
        await harness.BookingQueue.SendMessageAsync(original);
        outcomes.AddRange(await harness.DrainBookingQueueAsync());

        // The second delivery lands while the saga runs (AlreadyRunning) or just after it (Ignored): never a second start.
        Assert.Equal(3, outcomes.Count);
        Assert.Equal(StartOutcome.Started, outcomes[0]);
        Assert.All(outcomes.Skip(1), o => Assert.Contains(o, new[] { StartOutcome.AlreadyRunning, StartOutcome.Ignored }));
        Assert.Equal(StartOutcome.Ignored, outcomes[2]);
        Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from booking_attempts"));
    }

    /// <summary>The traveler's name, email and phone never appear in clear in any table or any log line.</summary>
    private async Task AssertNoTravelerPiiStoredOrLoggedAsync()
    {
        string[] pii = ["Lovelace", "ada.lovelace@example.com", "+442080160508", "1990-12-10", "Hopper", "grace.hopper@example.com",
            "+12025550123", "1986-12-09", "123456789"];
        foreach (var table in (await db.RowCountsAsync()).Keys)
        {
            var rows = await db.QueryAsync<string>($"select row_to_json(t)::text from {table} t");
            foreach (var value in pii)
            {
                Assert.DoesNotContain(rows, row => row.Contains(value, StringComparison.OrdinalIgnoreCase));
            }
        }
        Assert.NotEmpty(harness.Logs.Lines);
        foreach (var value in pii)
        {
            Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    private async Task<TripResponse> GetTripAsync(Guid tripId, string token)
    {
        var result = Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), token));
        return Assert.IsType<TripResponse>(result.Value);
    }
}
