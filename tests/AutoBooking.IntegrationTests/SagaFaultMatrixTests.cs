using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The saga under injected faults, for every provider call it makes: a transient failure then success, failure past
/// all retries, a timeout, the side effect done but its answer lost, and outages spanning several steps (order +
/// reconcile, capture + order cancellation, authorize + cancel). Each case asserts that the orchestration completed
/// (never Failed), the attempt is terminal, the trip is out of booking, the expected outcome, and the invariants of
/// DESIGN §5 from the sandbox ledger and the database (<see cref="SagaInvariants"/>). Each case has its own harness
/// (database, sandbox), with short retry waits and timeouts.
/// </summary>
public sealed class SagaFaultMatrixTests : IAsyncLifetime
{
    /// <summary>Step retries are 4 runs: this many faults outlast them.</summary>
    private const int PastRetries = 4;

    private static readonly Dictionary<string, Action<Faults>> Arrangements = new()
    {
        ["authorize 5xx once"] = f => f.FailNext(StripeOperation.CreatePaymentIntent, 1, StripeFault.ServerError),
        ["authorize 5xx past retries"] = f => f.FailNext(StripeOperation.CreatePaymentIntent, PastRetries, StripeFault.ServerError),
        ["authorize timeout once"] = f => f.FailNext(StripeOperation.CreatePaymentIntent, 1, StripeFault.Timeout),
        ["authorize response lost once"] = f => f.FailNext(StripeOperation.CreatePaymentIntent, 1, StripeFault.LostResponse),
        ["authorize response lost past retries"] = f => f.FailNext(StripeOperation.CreatePaymentIntent, PastRetries, StripeFault.LostResponse),
        ["reprice 5xx once"] = f => f.FailNext(DuffelOperation.GetOffer, 1, DuffelFault.ServerError),
        ["reprice 5xx past retries"] = f => f.FailNext(DuffelOperation.GetOffer, 2, DuffelFault.ServiceUnavailable),
        ["reprice timeout once"] = f => f.FailNext(DuffelOperation.GetOffer, 1, DuffelFault.Timeout),
        ["order 5xx"] = f => f.FailNextOrderCreation(1, DuffelFault.ServerError),
        ["order timeout"] = f => f.FailNextOrderCreation(1, DuffelFault.Timeout),
        ["order response lost"] = f => f.FailNextOrderCreation(1, DuffelFault.LostResponse),
        ["capture 5xx once"] = f => f.FailNext(StripeOperation.CapturePaymentIntent, 1, StripeFault.ServerError),
        ["capture 5xx past retries"] = f => f.FailNext(StripeOperation.CapturePaymentIntent, PastRetries, StripeFault.ServerError),
        ["capture timeout once"] = f => f.FailNext(StripeOperation.CapturePaymentIntent, 1, StripeFault.Timeout),
        ["capture response lost once"] = f => f.FailNext(StripeOperation.CapturePaymentIntent, 1, StripeFault.LostResponse),
        ["capture response lost past retries"] = f => f.FailNext(StripeOperation.CapturePaymentIntent, PastRetries, StripeFault.LostResponse),
        ["release timeout once"] = f =>
        {
            f.FailNextOrderCreation(1, DuffelFault.OfferNoLongerAvailable);
            f.FailNext(StripeOperation.CancelPaymentIntent, 1, StripeFault.Timeout);
        },
        ["release 5xx past retries"] = f =>
        {
            f.FailNextOrderCreation(1, DuffelFault.OfferNoLongerAvailable);
            f.FailNext(StripeOperation.CancelPaymentIntent, PastRetries, StripeFault.ServerError);
        },
        ["release response lost past retries"] = f =>
        {
            f.FailNextOrderCreation(1, DuffelFault.OfferNoLongerAvailable);
            f.FailNext(StripeOperation.CancelPaymentIntent, PastRetries, StripeFault.LostResponse);
        },
        ["outage: order and its reconciliation"] = f =>
        {
            f.FailNextOrderCreation(1, DuffelFault.LostResponse);
            f.FailNext(DuffelOperation.ListOrders, 20, DuffelFault.ServiceUnavailable);
        },
        ["outage: capture and the order's cancellation"] = f =>
        {
            f.FailNext(StripeOperation.CapturePaymentIntent, PastRetries, StripeFault.ServerError);
            f.FailNext(DuffelOperation.CreateOrderCancellation, 10, DuffelFault.ServiceUnavailable);
        },
        ["outage: authorize then release and its re-read"] = f =>
        {
            f.FailNext(StripeOperation.CreatePaymentIntent, 1, StripeFault.ServerError);
            f.FailNextOrderCreation(1, DuffelFault.OfferNoLongerAvailable);
            f.FailNext(StripeOperation.CancelPaymentIntent, PastRetries, StripeFault.ServerError);
            f.FailNext(StripeOperation.RetrievePaymentIntent, PastRetries, StripeFault.ServerError);
        },
        ["confirmation email down past retries"] = f => f.FailNextEmails(10, ResendFault.ServerError),
    };

    public static TheoryData<string, BookingOutcomeKind> Cases => new()
    {
        { "authorize 5xx once", BookingOutcomeKind.Booked },
        { "authorize 5xx past retries", BookingOutcomeKind.NeedsAttention },
        { "authorize timeout once", BookingOutcomeKind.Booked },
        { "authorize response lost once", BookingOutcomeKind.Booked },
        { "authorize response lost past retries", BookingOutcomeKind.NeedsAttention },
        { "reprice 5xx once", BookingOutcomeKind.Booked },
        { "reprice 5xx past retries", BookingOutcomeKind.NotBooked },
        { "reprice timeout once", BookingOutcomeKind.Booked },
        { "order 5xx", BookingOutcomeKind.NeedsAttention },
        { "order timeout", BookingOutcomeKind.NeedsAttention },
        { "order response lost", BookingOutcomeKind.Booked },
        { "capture 5xx once", BookingOutcomeKind.Booked },
        { "capture 5xx past retries", BookingOutcomeKind.NotBooked },
        { "capture timeout once", BookingOutcomeKind.Booked },
        { "capture response lost once", BookingOutcomeKind.Booked },
        { "capture response lost past retries", BookingOutcomeKind.Booked },
        { "release timeout once", BookingOutcomeKind.NotBooked },
        { "release 5xx past retries", BookingOutcomeKind.NeedsAttention },
        { "release response lost past retries", BookingOutcomeKind.NotBooked },
        { "outage: order and its reconciliation", BookingOutcomeKind.NeedsAttention },
        { "outage: capture and the order's cancellation", BookingOutcomeKind.NeedsAttention },
        { "outage: authorize then release and its re-read", BookingOutcomeKind.NeedsAttention },
        { "confirmation email down past retries", BookingOutcomeKind.Booked },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Saga_UnderFault_CompletesTerminalAndKeepsTheInvariants(string fault, BookingOutcomeKind expected)
    {
        var faults = harness.Sandbox.Faults;
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420.00m, "GBP");
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("matrix-" + Guid.NewGuid().ToString("N")));
        Arrangements[fault](faults);

        // RunBookingAsync asserts the orchestration Completed (never Failed).
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.True(expected == outcome.Kind, $"{fault}: expected {expected}, got {outcome.Kind} ({outcome.FailureCode})");
        var db = new Db(harness.DatabaseConnectionString);
        var attempt = await db.ScalarAsync<string>("select status from booking_attempts where trip_id = @tripId", new { tripId });
        Assert.Contains(attempt, new[] { "succeeded", "failed", "needs_attention" });
        Assert.Equal(expected == BookingOutcomeKind.NeedsAttention, attempt == "needs_attention");
        Assert.NotEqual("booking", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
        await SagaInvariants.AssertTripAsync(harness.Sandbox.Ledger, harness.DatabaseConnectionString, tripId);
    }

    private readonly PipelineHarness harness = new();

    public Task InitializeAsync()
    {
        // Quick timeouts (Stripe 2 s, Duffel 5 s with one retry) and short look-ups keep the matrix quick.
        harness.Overrides["Stripe:TimeoutSeconds"] = "2";
        harness.Overrides["Duffel:TimeoutSeconds"] = "5";
        harness.Overrides["Duffel:MaxRetries"] = "1";
        harness.Overrides["Duffel:RetryBaseDelayMilliseconds"] = "50";
        harness.Overrides["Resend:MaxRetries"] = "1";
        harness.Overrides["Resend:RetryBaseDelayMilliseconds"] = "50";
        harness.Overrides["Booking:OrderLookUpScheduleSeconds"] = "0,1";
        return harness.InitializeAsync();
    }

    public Task DisposeAsync() => harness.DisposeAsync();
}
