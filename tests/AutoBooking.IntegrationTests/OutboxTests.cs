using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Telemetry;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Traveler emails go through the outbox: written with the state change that causes them, sent by the outbox sender
/// (at once when Resend answers, else by the timer with backoff, on the harness's simulated clock), exactly once per
/// event, whatever Resend does, however often the state change is replayed, however many senders run.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private static readonly string[] TravelerPii = ["Lovelace", "ada.lovelace@example.com", "+442080160508", "1990-12-10"];

    private readonly PipelineHarness harness = new();
    private readonly ConcurrentDictionary<string, long> measured = new();
    private readonly string ada = TestTokens.For("user-ada");
    private MeterListener listener = null!;
    private Db db = null!;

    public async Task InitializeAsync()
    {
        // One quick HTTP retry per send: the outbox is the retry that matters here.
        harness.Overrides["Resend:MaxRetries"] = "1";
        harness.Overrides["Resend:RetryBaseDelayMilliseconds"] = "10";
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
        var factory = harness.Get<IMeterFactory>();
        listener = new MeterListener
        {
            // Only this harness's meter: other test classes run their own hosts at the same time.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AutoBookingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + "{" + string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")) + "}";
            measured.AddOrUpdate(key, value, (_, total) => total + value);
        });
        listener.Start();
    }

    public async Task DisposeAsync()
    {
        listener.Dispose();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task ResendDownLongerThanEveryRetry_ThenBack_ExactlyOneConfirmationEmail()
    {
        harness.Sandbox.Faults.FailNextEmails(500, ResendFault.ServerError);

        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        var outcome = await harness.RunBookingAsync(tripId);

        // A failed email never undoes a booking: booked, paid, and the email waits in the outbox.
        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal(1, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
        Assert.Empty(harness.Sandbox.Ledger.Emails);
        var attemptId = await AttemptOfAsync(tripId);
        var row = Assert.Single(await OutboxOfAsync(tripId));
        Assert.Equal(("booking_confirmed", "pending", 1, "booking-confirmed/" + attemptId.ToString("N")),
            (row.Kind, row.Status, row.SendCount, row.DedupeKey));

        // Resend stays down through many passes, each one backoff later than the last.
        var passes = OutboxDelivery.None;
        for (var pass = 0; pass < 7; pass++)
        {
            passes = passes.Add(await NextPassAsync());
        }
        Assert.Equal((0, 7, 0), (passes.Sent, passes.Retrying, passes.Dead));
        Assert.Empty(harness.Sandbox.Ledger.Emails);
        row = Assert.Single(await OutboxOfAsync(tripId));
        Assert.Equal(("pending", 8, "http_500"), (row.Status, row.SendCount, row.LastError));
        // Unsent past Outbox:AlertAfterMinutes (30): alerted once, not once per pass.
        Assert.Equal(1, passes.Overdue);
        Assert.Equal(1, measured.GetValueOrDefault("autobooking.emails.overdue{kind=booking_confirmed}"));
        Assert.Single(harness.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal)
            && l.Contains("ALERT traveler email overdue: " + row.Id, StringComparison.Ordinal) && l.Contains("still unsent", StringComparison.Ordinal));

        // Resend is back.
        harness.Sandbox.Faults.Clear();
        var delivered = await harness.DeliverOutboxUntilSettledAsync();
        harness.Clock.Advance(TimeSpan.FromHours(2));
        var later = await harness.DeliverOutboxAsync();

        Assert.Equal((1, 0), (delivered.Sent, later.Sent));
        var email = Assert.Single(harness.Sandbox.Ledger.Emails);
        Assert.Equal(["ada.lovelace@example.com"], email.To);
        Assert.Equal(row.DedupeKey, email.IdempotencyKey);
        Assert.Contains(Assert.Single(harness.Sandbox.Ledger.Orders).BookingReference, email.Text, StringComparison.Ordinal);
        row = Assert.Single(await OutboxOfAsync(tripId));
        Assert.Equal(("sent", email.Id), (row.Status, row.ProviderMessageId));
        Assert.Equal(1, measured.GetValueOrDefault("autobooking.emails.sent{kind=booking_confirmed}"));
        await AssertNoTravelerPiiInOutboxOrLogsAsync();
    }

    [Fact]
    public async Task SameStateChangeAppliedTwice_OneRowAndOneEmail()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);
        Assert.Single(harness.Sandbox.Ledger.Emails);
        var attemptId = await AttemptOfAsync(tripId);
        var order = Assert.Single(harness.Sandbox.Ledger.Orders);

        // As a retried activity (Durable runs activities at least once) or a reconciler racing the saga would.
        var bookings = harness.Get<BookingRepository>();
        var replayed = new OrderResult(OrderStatus.Confirmed, order.Id, order.BookingReference, [], null, null);
        await bookings.CompleteAsync(attemptId, replayed, harness.Clock.GetUtcNow(), "replay", CancellationToken.None);
        await bookings.CompleteAsync(attemptId, replayed, harness.Clock.GetUtcNow(), "replay", CancellationToken.None);
        var delivered = await harness.DeliverOutboxUntilSettledAsync();

        Assert.Equal(0, delivered.Sent);
        Assert.Single(await OutboxOfAsync(tripId));
        Assert.Single(harness.Sandbox.Ledger.Emails);
        Assert.Single(harness.Sandbox.Ledger.RequestsTo("resend", "POST", "/emails"));
    }

    [Fact]
    public async Task NeedsAttention_TellsTheTravelerWeAreChecking_ThenTheOutcomeOnceSettled_EachOnce()
    {
        harness.Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.ServerError);
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);

        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.NeedsAttention, outcome.Kind);
        var attemptId = await AttemptOfAsync(tripId);
        var checking = Assert.Single(harness.Sandbox.Ledger.Emails);
        Assert.Equal("attempt-under-review/" + attemptId.ToString("N"), checking.IdempotencyKey);
        Assert.Equal("We are checking your booking for LHR to JFK", checking.Subject);
        Assert.Contains("You will not be charged twice", checking.Text, StringComparison.Ordinal);

        // Flagged again (a replayed activity, a reconciler pass that keeps it flagged): no second "we are checking".
        var bookings = harness.Get<BookingRepository>();
        await bookings.FlagForAttentionAsync(attemptId, FailureCodes.OrderOutcomeUnknown, harness.Clock.GetUtcNow(), "replay", CancellationToken.None);
        Assert.Equal(0, (await harness.DeliverOutboxUntilSettledAsync()).Sent);
        Assert.Single(harness.Sandbox.Ledger.Emails);

        // Settled as the reconciler would once Duffel answers that no order exists (hold released): the outcome email.
        await bookings.ReleaseAsync(attemptId, FailureCodes.OrderRejected, TripStatus.Failed, harness.Clock.GetUtcNow(), "reconciler",
            CancellationToken.None);
        await bookings.ReleaseAsync(attemptId, FailureCodes.OrderRejected, TripStatus.Failed, harness.Clock.GetUtcNow(), "reconciler",
            CancellationToken.None);
        var delivered = await harness.DeliverOutboxUntilSettledAsync();

        Assert.Equal(1, delivered.Sent);
        Assert.Equal(2, harness.Sandbox.Ledger.Emails.Count);
        var settled = harness.Sandbox.Ledger.Emails[^1];
        Assert.Equal("booking-failed/" + attemptId.ToString("N"), settled.IdempotencyKey);
        Assert.Equal("We could not book LHR to JFK", settled.Subject);
        Assert.Contains("You have not been charged.", settled.Text, StringComparison.Ordinal);
        Assert.Equal(["attempt_under_review:sent", "booking_failed:sent"],
            (await OutboxOfAsync(tripId)).Select(r => r.Kind + ":" + r.Status));
        await AssertNoTravelerPiiInOutboxOrLogsAsync();
    }

    [Fact]
    public async Task TwoSendersAtOnce_SendEachEmailOnce()
    {
        harness.Sandbox.Faults.FailNextEmails(500, ResendFault.ServerError);
        // Four travelers, four routes (one offer is sold only once).
        (string User, string Destination)[] travelers = [("user-ada", "JFK"), ("user-grace", "EWR"), ("user-alan", "BOS"), ("user-edsger", "IAD")];
        var trips = new List<Guid>();
        foreach (var (user, destination) in travelers)
        {
            harness.Sandbox.Fares.SetFare("LHR", destination, TripBodies.DepartureDate, 420m, "GBP");
            trips.Add(await harness.CreateTripIdAsync(TripBodies.Valid(destination: destination), TestTokens.For(user)));
        }
        await harness.DrainSearchQueueAsync();
        await harness.DrainBookingQueueAsync();
        foreach (var trip in trips)
        {
            var booked = await harness.WaitForBookingAsync(trip);
            Assert.Equal((BookingOutcomeKind.Booked, null), (booked.Kind, booked.FailureCode));
        }
        Assert.Equal(4L, await db.ScalarAsync<long>("select count(*) from outbox_messages where status = 'pending'"));
        harness.Sandbox.Faults.Clear();
        var sendsBefore = harness.Sandbox.Ledger.RequestsTo("resend", "POST", "/emails").Count;
        harness.Clock.Advance(TimeSpan.FromMinutes(5));

        // Two instances of the sender, as two Function App instances would run the timer.
        var first = ActivatorUtilities.CreateInstance<OutboxDispatcher>(harness.Services);
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(harness.Services);
        var results = await Task.WhenAll(
            Task.Run(() => first.DeliverDueAsync(CancellationToken.None)),
            Task.Run(() => second.DeliverDueAsync(CancellationToken.None)));

        Assert.Equal(4, results.Sum(r => r.Sent));
        Assert.Equal(4, harness.Sandbox.Ledger.RequestsTo("resend", "POST", "/emails").Count - sendsBefore);
        Assert.Equal(4, harness.Sandbox.Ledger.Emails.Count);
        Assert.Equal(4, harness.Sandbox.Ledger.Emails.Select(e => e.IdempotencyKey).Distinct().Count());
        Assert.Equal(4L, await db.ScalarAsync<long>("select count(*) from outbox_messages where status = 'sent'"));
    }

    [Fact]
    public async Task PermanentFailure_IsDeadAndAlerted_AndNeverRetried()
    {
        harness.Sandbox.Faults.FailNextEmails(1, ResendFault.ValidationError);
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);

        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);

        var row = Assert.Single(await OutboxOfAsync(tripId));
        Assert.Equal(("dead", "http_422", 1), (row.Status, row.LastError, row.SendCount));
        Assert.Equal(0, harness.Sandbox.Faults.PendingEmailFaults);
        Assert.Equal(1, measured.GetValueOrDefault("autobooking.emails.dead{kind=booking_confirmed}"));
        Assert.Single(harness.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal)
            && l.Contains("ALERT traveler email given up: " + row.Id, StringComparison.Ordinal) && l.Contains("will not be sent", StringComparison.Ordinal));

        harness.Clock.Advance(TimeSpan.FromHours(1));
        var later = await harness.DeliverOutboxAsync();

        Assert.Equal(OutboxDelivery.None, later);
        Assert.Empty(harness.Sandbox.Ledger.Emails);
        Assert.Single(harness.Sandbox.Ledger.RequestsTo("resend", "POST", "/emails"));
        Assert.Equal("booked", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task UnsentPastResendsIdempotencyWindow_IsGivenUpAndAlerted_NotSentAsAPossibleDuplicate()
    {
        harness.Sandbox.Faults.FailNextEmails(500, ResendFault.ServerError);
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);
        harness.Sandbox.Faults.Clear();

        harness.Clock.Advance(TimeSpan.FromHours(23));
        var pass = await harness.DeliverOutboxAsync();

        Assert.Equal((0, 1), (pass.Sent, pass.Dead));
        Assert.Empty(harness.Sandbox.Ledger.Emails);
        var row = Assert.Single(await OutboxOfAsync(tripId));
        Assert.Equal(("dead", "unsent_past_idempotency_window"), (row.Status, row.LastError));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("ALERT traveler email given up: " + row.Id, StringComparison.Ordinal));
    }

    /// <summary>Moves the simulated clock to the next pending row's retry time, then runs one timer pass.</summary>
    private async Task<OutboxDelivery> NextPassAsync()
    {
        var next = await db.ScalarAsync<DateTime>("select min(next_attempt_at) from outbox_messages where status = 'pending'");
        var wait = new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) - harness.Clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            harness.Clock.Advance(wait + TimeSpan.FromSeconds(1));
        }
        return await harness.DeliverOutboxAsync();
    }

    private Task<Guid> AttemptOfAsync(Guid tripId) =>
        db.ScalarAsync<Guid>("select id from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });

    private async Task<IReadOnlyList<OutboxMessage>> OutboxOfAsync(Guid tripId) =>
        await harness.Get<OutboxRepository>().ListForTripAsync(tripId, CancellationToken.None);

    /// <summary>The outbox holds ids and kinds only: no name, address, phone or birth date in any column, nor in the logs.</summary>
    private async Task AssertNoTravelerPiiInOutboxOrLogsAsync()
    {
        var rows = await db.QueryAsync<string>("select row_to_json(o)::text from outbox_messages o");
        Assert.NotEmpty(rows);
        // Case-sensitive: "Ada" in lower case could be hex digits of a uuid.
        foreach (var value in TravelerPii.Append("Ada"))
        {
            Assert.DoesNotContain(rows, row => row.Contains(value, StringComparison.Ordinal));
        }
        foreach (var value in TravelerPii)
        {
            Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(value, StringComparison.Ordinal));
        }
    }
}
