using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// A card that needs 3-D Secure: the booking waits for the traveler to confirm the payment on-session (email, the
/// confirm page's data, Stripe's webhook resuming the saga), and releases everything when they do not in time.
/// </summary>
public sealed class PaymentAuthenticationTests : IAsyncLifetime
{
    private const string NeedsAuthentication = "pm_card_authenticationRequired";
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private WebhookForwarder? forwarder;
    private Db db = null!;
    private bool started;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (forwarder is not null)
        {
            await forwarder.DisposeAsync();
        }
        if (started)
        {
            await harness.DisposeAsync();
        }
    }

    private async Task StartAsync(int authenticationTimeoutSeconds, bool webhooks = false)
    {
        harness.Overrides["Booking:AuthenticationTimeoutSeconds"] = authenticationTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await harness.InitializeAsync();
        started = true;
        db = new Db(harness.DatabaseConnectionString);
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
        if (webhooks)
        {
            forwarder = await WebhookForwarder.StartAsync(harness);
            harness.Sandbox.Webhooks.Configure(forwarder.Url, null, PipelineHarness.StripeWebhookSecret);
        }
    }

    private async Task<Guid> StartAwaitingAuthenticationAsync()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(paymentMethod: NeedsAuthentication), ada);
        await harness.DrainSearchQueueAsync();
        await harness.DrainBookingQueueAsync();
        await Eventually.TrueAsync(() => AttemptStatusAsync(tripId).GetAwaiter().GetResult() == "awaiting_authentication", "the attempt to await authentication");
        // The email follows the attempt's new status.
        await Eventually.TrueAsync(() => harness.Sandbox.Ledger.Emails.Count > 0, "the confirm-payment email");
        return tripId;
    }

    private Task<string> AttemptStatusAsync(Guid tripId) =>
        db.ScalarAsync<string>("select status from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });

    private Task<IActionResult> PaymentActionAsync(Guid tripId, string token) =>
        harness.Get<PaymentActionFunction>().Run(PipelineHarness.Request("GET", token: token), tripId.ToString(), default);

    [Fact]
    public async Task AuthenticationRequired_TravelerConfirmsOnSession_WebhookResumesAndBooksAndCaptures()
    {
        await StartAsync(authenticationTimeoutSeconds: 60, webhooks: true);
        var tripId = await StartAwaitingAuthenticationAsync();

        // Nothing bought or charged yet; the traveler is asked, the trip shows it, the page gets what Stripe.js needs.
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        var intent = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal(0, intent.CaptureCount);
        var email = Assert.Single(harness.Sandbox.Ledger.Emails);
        Assert.Equal(["ada.lovelace@example.com"], email.To);
        Assert.Contains(PipelineHarness.PaymentConfirmUrl.Replace("{tripId}", tripId.ToString(), StringComparison.Ordinal), email.Text,
            StringComparison.Ordinal);
        var trip = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);
        Assert.Equal(("booking", "confirm_payment"), (trip.Status, trip.Stage));
        var action = Assert.IsType<PaymentActionResponse>(Assert.IsType<OkObjectResult>(await PaymentActionAsync(tripId, ada)).Value);
        Assert.StartsWith(intent.Id + "_secret_", action.ClientSecret, StringComparison.Ordinal);
        // The card to confirm with on-session, as Stripe's recovery flow after an off-session authentication_required does.
        Assert.Equal(intent.PaymentMethod, action.PaymentMethodId);
        Assert.StartsWith("pm_", action.PaymentMethodId, StringComparison.Ordinal);
        Assert.Equal(new MoneyResponse(420m, "GBP"), action.Amount);
        Assert.InRange(action.RespondBy, DateTimeOffset.UtcNow.AddSeconds(30), DateTimeOffset.UtcNow.AddSeconds(61));
        ApiEndpoints.AssertProblem(await PaymentActionAsync(tripId, TestTokens.For("user-bob")), 404, "not-found", "another user's trip");
        var events = await db.ScalarAsync<string>(
            "select string_agg(detail::text, ' ') from trip_events where trip_id = @tripId and kind = 'attempt_awaiting_authentication'", new { tripId });
        Assert.DoesNotContain("ada", events, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("_secret_", events, StringComparison.Ordinal);

        harness.Sandbox.Cardholder.CompleteAuthentication(intent.Id);
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Single(harness.Sandbox.Ledger.Orders);
        var paid = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal(("succeeded", 1, 42000L), (paid.Status, paid.CaptureCount, paid.AmountReceived));
        Assert.Equal("booked", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
        Assert.Equal("succeeded", await AttemptStatusAsync(tripId));
        ApiEndpoints.AssertProblem(await PaymentActionAsync(tripId, ada), 409, "no-payment-action", "confirmed already");

        // A repeated or late confirmation event is acknowledged and changes nothing.
        var attemptId = await db.ScalarAsync<Guid>("select id from booking_attempts where trip_id = @tripId", new { tripId });
        Assert.IsType<OkResult>(await StripeFlow.SendWebhookAsync(harness,
            StripeFlow.PaymentIntentEvent("evt_late_confirmation", "payment_intent.amount_capturable_updated", intent.Id, attemptId, "requires_capture")));
        Assert.Equal(1, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
        Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal("succeeded", await AttemptStatusAsync(tripId));
    }

    [Fact]
    public async Task AuthenticationRequired_NoConfirmationInTime_CancelsTheIntentFailsTheTripAndTellsTheTraveler()
    {
        await StartAsync(authenticationTimeoutSeconds: 3);
        var tripId = await StartAwaitingAuthenticationAsync();

        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal((BookingOutcomeKind.NotBooked, FailureCodes.AuthenticationRequired), (outcome.Kind, outcome.FailureCode));
        Assert.Equal("canceled", Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Status);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        Assert.Equal("failed", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
        Assert.Equal(2, harness.Sandbox.Ledger.Emails.Count);
        Assert.Contains(harness.Sandbox.Ledger.Emails,
            e => e.Text != null && e.Text.Contains(FailureMessages.ForTraveler(FailureCodes.AuthenticationRequired)[..20], StringComparison.Ordinal));
        ApiEndpoints.AssertProblem(await PaymentActionAsync(tripId, ada), 409, "no-payment-action", "too late");

        // A late confirmation changes nothing: the intent is cancelled, no event wakes anything.
        Assert.Equal("canceled", harness.Sandbox.Cardholder.CompleteAuthentication(Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Id).Status);
        Assert.Equal(0, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
    }

    [Fact]
    public async Task TravelerConfirmsButStripesWebhookIsLost_AtTheDeadlineStripeIsAsked_AndTheBookingGoesThrough()
    {
        // No webhook receiver: the confirmation's event never reaches us.
        await StartAsync(authenticationTimeoutSeconds: 3);
        var tripId = await StartAwaitingAuthenticationAsync();

        harness.Sandbox.Cardholder.CompleteAuthentication(Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Id);
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal(("succeeded", 1), (Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Status, harness.Sandbox.Ledger.PaymentIntents[0].CaptureCount));
    }

    [Fact]
    public async Task PaymentAction_NothingAwaiting_Is409()
    {
        await StartAsync(authenticationTimeoutSeconds: 60);
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);

        var problem = ApiEndpoints.AssertProblem(await PaymentActionAsync(tripId, ada), 409, "no-payment-action", "nothing awaits");
        Assert.Equal("watching", problem.Extensions["currentStatus"]?.ToString());
    }
}
