using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Approval mode holds the fare (issue 20): the sandbox's AA offers can be held (72 h, price guaranteed 24 h), so a trip
/// flying only AA gets a Duffel hold order before the traveler is asked. Every path: approved and paid, price moved
/// within and above the limit, price_changed at payment, declined, timed out, expired, kill switch, and a failed cancel.
/// </summary>
public sealed class HeldFareTests : IAsyncLifetime
{
    private const decimal Fare = 400m;

    // AA one-stop is 1.12 × the pinned fare.
    private const decimal HeldPrice = 448m;

    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada-holds");
    private Db db = null!;

    /// <summary>Run once, just before the saga's first hold payment reaches the sandbox (then cleared).</summary>
    private Action? repriceBeforeFirstPayment;

    public async Task InitializeAsync()
    {
        harness.ConfigureServices = services => services.Decorate<IFlightProvider>((inner, _) => new RepricingFlightProvider(inner, this));
        harness.Overrides["Booking:ApprovalTimeoutSeconds"] = "20";
        // A Timeout fault costs the client's whole timeout.
        harness.Overrides["Duffel:TimeoutSeconds"] = "5";
        // The sandbox keeps the app's (shifted) time, so a test can move past a hold's deadline.
        harness.SandboxTime = harness.Clock;
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.PinFare("JFK", Fare);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Approved_HoldIsPaidThenTheMoneyTaken_AndTheTripShowsTheHoldWhileWaiting()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        var hold = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal(("hold", true), (hold.Type, hold.AwaitingPayment));
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        var trip = await GetTripAsync(tripId);
        Assert.Equal(hold.PaymentRequiredBy, trip.FareHold!.HeldUntil);
        Assert.True(trip.FareHold.PriceGuaranteed);
        Assert.Equal(new MoneyResponse(HeldPrice, "GBP"), trip.FareHold.Price);

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        var paid = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.False(paid.AwaitingPayment);
        Assert.NotEmpty(paid.TicketNumbers);
        Assert.Equal(HeldPrice, Assert.Single(harness.Sandbox.Ledger.OrderPayments).Amount);
        var intent = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal((44800L, 1), (intent.Amount, intent.CaptureCount));
        Assert.True(await db.ScalarAsync<bool>("select hold_paid_at is not null from booking_attempts where trip_id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task ApprovalEmail_ShowsTheHoldsDeadlineAndGuarantee()
    {
        await StartHeldAsync(maxPrice: 500m);

        await harness.DeliverOutboxUntilSettledAsync();

        var email = Assert.Single(harness.Sandbox.Ledger.Emails, e => e.Subject.StartsWith("Approve your fare", StringComparison.Ordinal));
        Assert.Contains("holding this fare for you until", email.Text, StringComparison.Ordinal);
        Assert.Contains("price is guaranteed until", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PriceMovedWithinTheLimit_GoesOnAtTheNewPrice()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        harness.Sandbox.Airline.RepriceHold(Assert.Single(harness.Sandbox.Ledger.Orders).Id, 471.25m);

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal(47125L, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
        Assert.Equal(471.25m, Assert.Single(harness.Sandbox.Ledger.OrderPayments).Amount);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from trip_events where trip_id = @tripId and kind = 'held_fare_repriced'", new { tripId }));
    }

    [Fact]
    public async Task PriceMovedAboveTheLimit_HoldCancelled_NothingCharged_AndTheTravelerIsTold()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        harness.Sandbox.Airline.RepriceHold(Assert.Single(harness.Sandbox.Ledger.Orders).Id, 512.30m);

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.PriceAboveLimit, outcome.FailureCode);
        AssertHoldCancelledNothingCharged();
        Assert.Equal("watching", await TripStatusAsync(tripId));
    }

    [Fact]
    public async Task PriceChangedWhenPaying_WithinTheLimit_IsAuthorizedAgainAndPaidAtTheNewPrice()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        var holdId = Assert.Single(harness.Sandbox.Ledger.Orders).Id;
        // The price moves after the hold was read and the money held: the first payment meets price_changed.
        repriceBeforeFirstPayment = () => harness.Sandbox.Airline.RepriceHold(holdId, 460m);

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);

        var intents = harness.Sandbox.Ledger.PaymentIntents;
        Assert.Equal(2, intents.Count);
        Assert.Equal("canceled", intents.Single(i => i.Amount == 44800L).Status);
        Assert.Equal((46000L, 1), intents.Where(i => i.Amount == 46000L).Select(i => (i.Amount, i.CaptureCount)).Single());
        Assert.Equal(460m, Assert.Single(harness.Sandbox.Ledger.OrderPayments).Amount);
    }

    [Fact]
    public async Task Declined_HoldCancelled_NothingCharged()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: false));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.ApprovalDeclined, outcome.FailureCode);
        AssertHoldCancelledNothingCharged();
        Assert.Equal("watching", await TripStatusAsync(tripId));
    }

    [Fact]
    public async Task NoAnswer_TimesOut_HoldCancelled_NothingCharged()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);

        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.ApprovalTimedOut, outcome.FailureCode);
        AssertHoldCancelledNothingCharged();
    }

    [Fact]
    public async Task HoldExpiredBeforeTheAnswer_NothingCharged_TripWatchesOn()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        harness.Clock.Advance(TimeSpan.FromHours(73));

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.HoldExpired, outcome.FailureCode);
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Empty(harness.Sandbox.Ledger.OrderPayments);
        Assert.Equal("watching", await TripStatusAsync(tripId));
    }

    [Fact]
    public async Task KillSwitchWhileWaiting_HoldCancelled_NothingCharged()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        // An operator turns the kill switch on while the traveler decides.
        var configuration = (IConfigurationRoot)harness.Get<IConfiguration>();
        configuration[$"FeatureManagement:{KillSwitch.Flag}"] = "true";
        configuration.Reload();

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.KillSwitch, outcome.FailureCode);
        AssertHoldCancelledNothingCharged();
    }

    [Fact]
    public async Task HoldCancelFails_Flagged_NothingCharged_AndTheReconcilerCancelsIt()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        harness.Sandbox.Faults.FailNext(DuffelOperation.CreateOrderCancellation, 50, DuffelFault.ServiceUnavailable);

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: false));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.HoldCancelFailed, outcome.FailureCode);
        Assert.Equal(BookingOutcomeKind.NeedsAttention, outcome.Kind);
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        Assert.True(Assert.Single(harness.Sandbox.Ledger.Orders).AwaitingPayment);

        harness.Sandbox.Faults.Clear();
        // Stripe's search lags: "no PaymentIntent for this attempt" counts once the attempt has been quiet a while.
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.Get<Functions.Reconciliation.AttemptReconciler>().RunAsync(harness.Durable, CancellationToken.None);

        AssertHoldCancelledNothingCharged();
        Assert.Equal("failed", await db.ScalarAsync<string>("select status from booking_attempts where trip_id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task PaidHold_CaptureFailsPastRetries_TheTicketsAreCancelled_AndTheMoneyReleased()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        harness.Sandbox.Faults.FailNext(StripeOperation.CapturePaymentIntent, 4, StripeFault.ServerError);

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.CaptureFailed, outcome.FailureCode);
        var order = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.NotNull(order.PaidAt);
        Assert.NotNull(Assert.Single(harness.Sandbox.Ledger.OrderCancellations).ConfirmedAt);
        Assert.Equal(("canceled", 0), harness.Sandbox.Ledger.PaymentIntents.Select(i => (i.Status, i.CaptureCount)).Single());
        await SagaInvariants.AssertTripAsync(harness.Sandbox.Ledger, harness.DatabaseConnectionString, tripId);
    }

    [Fact]
    public async Task Operator_OnAFlaggedUnpaidHold_CannotRecordIt_CanCancelIt()
    {
        var tripId = await StartHeldAsync(maxPrice: 500m);
        harness.Sandbox.Faults.FailNext(DuffelOperation.CreateOrderCancellation, 50, DuffelFault.ServiceUnavailable);
        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: false));
        Assert.Equal(FailureCodes.HoldCancelFailed, (await harness.WaitForBookingAsync(tripId)).FailureCode);
        harness.Sandbox.Faults.Clear();
        var attemptId = await db.ScalarAsync<Guid>("select id from booking_attempts where trip_id = @tripId", new { tripId });
        var holdId = Assert.Single(harness.Sandbox.Ledger.Orders).Id;
        var api = harness.Get<OperatorAttemptsFunction>();

        var record = await api.RecordBooking(PipelineHarness.Request("POST", $$"""{"orderId":"{{holdId}}"}""", OperatorTokens.Operator()),
            attemptId.ToString(), harness.Durable, default);
        var release = await api.Release(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), harness.Durable, default);
        var cancel = await api.CancelOrder(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), harness.Durable, default);

        Assert.Equal("order_unpaid", ApiEndpoints.AssertProblem(record, 409, "operator-conflict", "record an unpaid hold").Extensions["reason"]?.ToString());
        Assert.Equal("nothing_held", ApiEndpoints.AssertProblem(release, 409, "operator-conflict", "release with no money held").Extensions["reason"]?.ToString());
        Assert.IsType<OkObjectResult>(cancel);
        AssertHoldCancelledNothingCharged();
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from bookings"));
    }

    /// <summary>
    /// The hold order and the Payments API under faults, then (the outage over, an hour later) one reconciler pass: the
    /// orchestration completes, and DESIGN §5's invariants hold (no charge without a ticket, no ticket without payment, no
    /// unpaid hold left holding seats unless flagged, side effects once).
    /// </summary>
    [Theory]
    [InlineData("hold response lost", DuffelOperation.CreateOrder, DuffelFault.LostResponse, 1, "needs_attention", "failed")]
    [InlineData("hold 5xx", DuffelOperation.CreateOrder, DuffelFault.ServerError, 1, "needs_attention", "failed")]
    [InlineData("payment 5xx", DuffelOperation.CreatePayment, DuffelFault.ServerError, 1, "failed", "failed")]
    [InlineData("payment response lost", DuffelOperation.CreatePayment, DuffelFault.LostResponse, 1, "succeeded", "succeeded")]
    [InlineData("payment timeout", DuffelOperation.CreatePayment, DuffelFault.Timeout, 1, "failed", "failed")]
    [InlineData("payment rate limited", DuffelOperation.CreatePayment, DuffelFault.RateLimited, 1, "failed", "failed")]
    public async Task Faults_KeepEveryInvariant(string because, DuffelOperation operation, DuffelFault fault, int count, string sagaEnds, string settled)
    {
        harness.Sandbox.Faults.FailNext(operation, count, fault);
        var tripId = await CreateHeldTripAsync(maxPrice: 500m);
        await harness.DrainSearchQueueAsync();
        await harness.DrainBookingQueueAsync();
        if (await WaitForApprovalRequestOrEndAsync(tripId))
        {
            Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        }

        await harness.WaitForBookingAsync(tripId);
        Assert.True(sagaEnds == await AttemptStatusAsync(tripId), because);
        harness.Sandbox.Faults.Clear();
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.Get<Functions.Reconciliation.AttemptReconciler>().RunAsync(harness.Durable, CancellationToken.None);

        Assert.True(settled == await AttemptStatusAsync(tripId), because);
        await SagaInvariants.AssertTripAsync(harness.Sandbox.Ledger, harness.DatabaseConnectionString, tripId);
    }

    [Fact]
    public async Task OfferThatCannotBeHeld_ApprovalWorksAsBefore_NothingHeld()
    {
        // BA (the cheapest, not holdable) is chosen: nothing is ordered before the answer.
        var tripId = await StartAsync(maxPrice: 500m, airlines: "\"BA\"");

        Assert.Empty(harness.Sandbox.Ledger.Orders);
        Assert.Null((await GetTripAsync(tripId)).FareHold);
        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.WaitForBookingAsync(tripId)).Kind);
        Assert.Equal("instant", Assert.Single(harness.Sandbox.Ledger.Orders).Type);
    }

    private void AssertHoldCancelledNothingCharged()
    {
        var hold = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.NotNull(hold.CancelledAt);
        Assert.Empty(hold.TicketNumbers);
        Assert.Empty(harness.Sandbox.Ledger.OrderPayments);
        Assert.DoesNotContain(harness.Sandbox.Ledger.PaymentIntents, i => i.CaptureCount > 0);
        Assert.DoesNotContain(harness.Sandbox.Ledger.PaymentIntents, i => i.Status == "requires_capture");
    }

    private Task<Guid> StartHeldAsync(decimal maxPrice) => StartAsync(maxPrice, "\"AA\"");

    private Task<Guid> CreateHeldTripAsync(decimal maxPrice) =>
        harness.CreateTripIdAsync(TripBodies.With(TripBodies.With(TripBodies.Valid(maxPrice: maxPrice), "\"approvalRequired\": true"), "\"includedAirlines\": [\"AA\"]"), ada);

    /// <summary>True once the saga asked for approval; false when its attempt ended before asking.</summary>
    private async Task<bool> WaitForApprovalRequestOrEndAsync(Guid tripId)
    {
        var asked = false;
        await Eventually.TrueAsync(async () =>
        {
            asked = await db.ScalarAsync<long>("select count(*) from trip_events where trip_id = @tripId and kind = 'approval_requested'", new { tripId }) > 0;
            return asked || await AttemptStatusAsync(tripId) is "failed" or "needs_attention" or "succeeded";
        }, "the approval request or the attempt's end");
        return asked;
    }

    private Task<string> AttemptStatusAsync(Guid tripId) =>
        db.ScalarAsync<string>("select status from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });

    private async Task<Guid> StartAsync(decimal maxPrice, string airlines)
    {
        var body = TripBodies.With(TripBodies.With(TripBodies.Valid(maxPrice: maxPrice), "\"approvalRequired\": true"), $"\"includedAirlines\": [{airlines}]");
        var tripId = await harness.CreateTripIdAsync(body, ada);
        await harness.DrainSearchQueueAsync();
        await harness.DrainBookingQueueAsync();
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'approval_requested'", new { tripId }) > 0, "the approval request");
        return tripId;
    }

    private async Task<TripResponse> GetTripAsync(Guid tripId) =>
        Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);

    private Task<string> TripStatusAsync(Guid tripId) =>
        db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId });

    /// <summary>The app's Duffel port, with a hook that runs just before the first hold payment is sent.</summary>
    private sealed class RepricingFlightProvider(IFlightProvider inner, HeldFareTests test) : IFlightProvider
    {
        public Task<HoldPaymentResult> PayHoldAsync(string providerOrderId, Core.Money.Money amount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref test.repriceBeforeFirstPayment, null)?.Invoke();
            return inner.PayHoldAsync(providerOrderId, amount, cancellationToken);
        }

        public Task<FlightSearchResult> SearchAsync(FlightSearch search, CancellationToken cancellationToken) => inner.SearchAsync(search, cancellationToken);

        public Task<RepriceResult> RepriceAsync(string providerOfferId, CancellationToken cancellationToken) => inner.RepriceAsync(providerOfferId, cancellationToken);

        public Task<OrderResult> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken) => inner.CreateOrderAsync(request, cancellationToken);

        public Task<FlightOrder?> GetOrderAsync(string providerOrderId, CancellationToken cancellationToken) => inner.GetOrderAsync(providerOrderId, cancellationToken);

        public Task<FlightOrderPage> ListOrdersAsync(string? after, int limit, CancellationToken cancellationToken) => inner.ListOrdersAsync(after, limit, cancellationToken);

        public Task<FlightOrder?> FindOrderByAttemptAsync(Guid attemptId, CancellationToken cancellationToken) => inner.FindOrderByAttemptAsync(attemptId, cancellationToken);

        public Task<FlightOrder?> FindOrderByAttemptAsync(Guid attemptId, DateTimeOffset createdSince, CancellationToken cancellationToken) =>
            inner.FindOrderByAttemptAsync(attemptId, createdSince, cancellationToken);

        public Task<OrderCancellationResult> CancelOrderAsync(string providerOrderId, CancellationToken cancellationToken) => inner.CancelOrderAsync(providerOrderId, cancellationToken);

        public Task<OrderResult> CreateHoldOrderAsync(OrderRequest request, CancellationToken cancellationToken) => inner.CreateHoldOrderAsync(request, cancellationToken);
    }

    private Task<IActionResult> AnswerAsync(Guid tripId, bool approve) =>
        harness.Get<ApproveTripFunction>().Run(
            PipelineHarness.Request("POST", approve ? """{"approve":true}""" : """{"approve":false}""", ada), tripId.ToString(), harness.Durable, default);
}
