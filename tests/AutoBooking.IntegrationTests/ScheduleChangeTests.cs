using System.Globalization;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.Webhooks;
using AutoBooking.Infrastructure.Webhooks;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The airline changes a booked flight: the sandbox moves the order's times and sends Duffel's signed
/// <c>order.airline_initiated_change_detected</c> to the webhook function over HTTP (redelivering what fails, as
/// Duffel does); the booking becomes changed and the traveler is emailed the new times once, through the outbox.
/// </summary>
public sealed class ScheduleChangeTests : IAsyncLifetime
{
    private static readonly string[] TravelerPii = ["Lovelace", "ada.lovelace@example.com", "+442080160508", "1990-12-10"];

    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        // One quick retry per send, so a Resend fault fails a delivery in well under the sandbox's 5 s delivery timeout.
        harness.Overrides["Resend:MaxRetries"] = "1";
        harness.Overrides["Resend:RetryBaseDelayMilliseconds"] = "10";
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task ScheduleChange_ToOurBooking_MarksItChangedAndEmailsTheNewTimesOnce_RedeliveryChangesNothing()
    {
        var (tripId, bookingId, order) = await BookAsync();
        await using var endpoint = await DuffelWebhookEndpoint.StartAsync(harness);

        var change = harness.Sandbox.Airline.ChangeSchedule(order.Id, TimeSpan.FromMinutes(95));
        var delivery = await DeliveredAsync();

        Assert.Equal((1, 200), (delivery.Attempt, delivery.StatusCode));
        var booking = await GetBookingAsync(bookingId);
        Assert.Equal("changed", booking.Status);
        Assert.Equal(order.BookingReference, booking.BookingReference);
        // The booking shows its flights as booked (the airline's change is told by email), and its fare, in both views.
        var asBooked = change.Before.Select(s => (s.Carrier, s.FlightNumber, s.Origin, s.Destination, s.DepartingAt, s.ArrivingAt)).ToList();
        Assert.NotEmpty(asBooked);
        Assert.Equal(asBooked, booking.Itinerary!.Select(s => (s.Carrier, s.FlightNumber, s.Origin, s.Destination, s.DepartingAtLocal, s.ArrivingAtLocal)));
        Assert.NotNull(booking.Fare);
        var inTrip = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value).Booking!;
        Assert.Equal(booking.Itinerary, inTrip.Itinerary);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(booking.Fare), System.Text.Json.JsonSerializer.Serialize(inTrip.Fare));
        var email = Assert.Single(ScheduleChangeEmails());
        Assert.Equal(["ada.lovelace@example.com"], email.To);
        Assert.Equal("Schedule change for booking " + order.BookingReference, email.Subject);
        Assert.Equal("schedule_change/" + delivery.EventId, email.IdempotencyKey);
        var (before, after) = (Assert.Single(change.Before), Assert.Single(change.After));
        Assert.Contains($"{after.Origin} {Time(after.DepartingAt)} -> {after.Destination} {Time(after.ArrivingAt)}", email.Text, StringComparison.Ordinal);
        Assert.Contains(Time(after.DepartingAt), email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Time(before.DepartingAt), email.Text, StringComparison.Ordinal);
        Assert.Equal(1L, await CountEventsAsync(tripId, "airline_schedule_change"));
        Assert.Equal(1L, await CountEventsAsync(tripId, "schedule_change_emailed"));
        Assert.Equal(0L, await CountEventsAsync(tripId, "schedule_change_email_failed"));
        Assert.Equal(delivery.EventId, await db.ScalarAsync<string>(
            "select detail ->> 'eventId' from trip_events where trip_id = @tripId and kind = 'airline_schedule_change'", new { tripId }));

        // Duffel delivers at least once: the same event again is acknowledged and does nothing more.
        var body = Assert.Single(endpoint.Received);
        Assert.IsType<OkResult>(await SendAsync(body));
        Assert.Single(ScheduleChangeEmails());
        Assert.Equal(1L, await CountEventsAsync(tripId, "airline_schedule_change"));
        Assert.Equal("changed", (await GetBookingAsync(bookingId)).Status);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from webhook_events where event_id = @id", new { id = delivery.EventId }));
        await AssertNoTravelerPiiStoredOrLoggedAsync();
    }

    [Fact]
    public async Task ScheduleChange_ToAnOrderNotOurs_Is200AndChangesNothing()
    {
        var (tripId, bookingId, _) = await BookAsync();
        var flights = harness.Get<IFlightProvider>();
        var search = await flights.SearchAsync(new FlightSearch("LHR", "JFK", TripBodies.DepartureDate, null, [SearchPassenger.Adult], "economy", 1), default);
        var offer = search.Offers.MinBy(o => o.Candidate.Total.Amount)!;
        var elsewhere = await flights.CreateOrderAsync(new OrderRequest(offer.Candidate.ProviderOfferId, offer.Candidate.Total,
            [new OrderPassenger(offer.PassengerIds[0], "mr", "Alan", "Turing", new DateOnly(1912, 6, 23), "m", "alan@example.com", "+442080160509")
            {
                Document = new Core.Trips.IdentityDocument("passport", "120000001", "GB", TestCalendar.Today.AddYears(5)),
            }],
            Guid.NewGuid()), default);
        var rowsBefore = await db.RowCountsAsync();
        var emailsBefore = harness.Sandbox.Ledger.Emails.Count;
        await using var endpoint = await DuffelWebhookEndpoint.StartAsync(harness);

        harness.Sandbox.Airline.ChangeSchedule(elsewhere.ProviderOrderId!, TimeSpan.FromMinutes(45));
        var delivery = await DeliveredAsync();

        Assert.Equal((1, 200), (delivery.Attempt, delivery.StatusCode));
        var rowsAfter = await db.RowCountsAsync();
        Assert.Equal(rowsBefore["webhook_events"] + 1, rowsAfter["webhook_events"]);
        rowsAfter["webhook_events"] = rowsBefore["webhook_events"];
        Assert.Equal(rowsBefore, rowsAfter);
        Assert.Equal(emailsBefore, harness.Sandbox.Ledger.Emails.Count);
        Assert.Equal("confirmed", (await GetBookingAsync(bookingId)).Status);
        Assert.Equal(0L, await CountEventsAsync(tripId, "airline_schedule_change"));
    }

    [Fact]
    public async Task ScheduleChange_NamingTheChangeAndOnlyTheAttempt_FindsTheBookingByTheAttempt()
    {
        var (tripId, bookingId, order) = await BookAsync();
        var attemptId = await db.ScalarAsync<Guid>("select attempt_id from bookings where id = @bookingId", new { bookingId });
        harness.Sandbox.Airline.ChangeSchedule(order.Id, TimeSpan.FromMinutes(20));
        // An event whose object is the airline-initiated change rather than the order, without an order id.
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "wev_0000AScheduleChangeByAttempt",
            ["type"] = "order.airline_initiated_change_detected",
            ["live_mode"] = false,
            ["data"] = new System.Text.Json.Nodes.JsonObject
            {
                ["object"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["id"] = harness.Sandbox.Ledger.AirlineChanges[0].Id,
                    ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["attempt_id"] = attemptId.ToString() },
                },
            },
        }.ToJsonString();

        Assert.IsType<OkResult>(await SendAsync(body));

        Assert.Equal("changed", (await GetBookingAsync(bookingId)).Status);
        Assert.Single(ScheduleChangeEmails());
        Assert.Equal(1L, await CountEventsAsync(tripId, "schedule_change_emailed"));
    }

    [Fact]
    public async Task ScheduleChange_ResendFailsAtFirst_TheWebhookIsAcknowledgedAndTheOutboxEmailsOnce()
    {
        var (tripId, bookingId, order) = await BookAsync();
        await using var endpoint = await DuffelWebhookEndpoint.StartAsync(harness);
        // Both tries of the immediate send (the send and its one HTTP retry) fail.
        harness.Sandbox.Faults.FailNextEmails(2, ResendFault.ServerError);

        harness.Sandbox.Airline.ChangeSchedule(order.Id, TimeSpan.FromMinutes(-40));
        var delivery = await DeliveredAsync();

        // The change and its email are recorded together, so the webhook is acknowledged at once: no redelivery needed.
        Assert.Equal([200], DeliveriesOf(delivery.EventId).Select(d => d.StatusCode));
        Assert.Equal(0, harness.Sandbox.Faults.PendingEmailFaults);
        Assert.Equal("changed", (await GetBookingAsync(bookingId)).Status);
        Assert.Empty(ScheduleChangeEmails());
        Assert.Equal(("pending", "http_500"), await db.QuerySingleAsync<(string, string)>(
            "select status, last_error from outbox_messages where kind = 'schedule_change' and provider_event_id = @id", new { id = delivery.EventId }));

        var delivered = await harness.DeliverOutboxUntilSettledAsync();

        Assert.Equal(1, delivered.Sent);
        var email = Assert.Single(ScheduleChangeEmails());
        Assert.Equal("schedule_change/" + delivery.EventId, email.IdempotencyKey);
        Assert.Equal(1L, await CountEventsAsync(tripId, "airline_schedule_change"));
        Assert.Equal(0L, await CountEventsAsync(tripId, "schedule_change_email_failed"));
        Assert.Equal(1L, await CountEventsAsync(tripId, "schedule_change_emailed"));

        // A later redelivery of the same event adds no row and no email.
        Assert.IsType<OkResult>(await SendAsync(Assert.Single(endpoint.Received)));
        await harness.DeliverOutboxUntilSettledAsync();
        Assert.Single(ScheduleChangeEmails());
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from outbox_messages where kind = 'schedule_change'"));
        await AssertNoTravelerPiiStoredOrLoggedAsync();
    }

    [Fact]
    public async Task ScheduleChange_ToACancelledBooking_IsRecordedWithoutAnEmailAndKeepsItsStatus()
    {
        var (tripId, bookingId, order) = await BookAsync();
        await db.ExecuteAsync("update bookings set status = 'cancelled' where id = @bookingId", new { bookingId });
        await using var endpoint = await DuffelWebhookEndpoint.StartAsync(harness);

        harness.Sandbox.Airline.ChangeSchedule(order.Id, TimeSpan.FromMinutes(60));
        var delivery = await DeliveredAsync();

        Assert.Equal(200, delivery.StatusCode);
        Assert.Equal("cancelled", (await GetBookingAsync(bookingId)).Status);
        Assert.Empty(ScheduleChangeEmails());
        Assert.Equal(1L, await CountEventsAsync(tripId, "airline_schedule_change"));
        Assert.Equal("cancelled", await db.ScalarAsync<string>(
            "select detail ->> 'bookingStatusNow' from trip_events where trip_id = @tripId and kind = 'airline_schedule_change'", new { tripId }));
    }

    /// <summary>Books LHR→JFK end to end (search, saga, confirmation email) and returns the trip, its booking and the order.</summary>
    private async Task<(Guid TripId, Guid BookingId, LedgerOrder Order)> BookAsync()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        Assert.Equal(Core.Booking.BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);
        var bookingId = await db.ScalarAsync<Guid>("select id from bookings where trip_id = @tripId", new { tripId });
        Assert.Equal("confirmed", (await GetBookingAsync(bookingId)).Status);
        return (tripId, bookingId, Assert.Single(harness.Sandbox.Ledger.Orders));
    }

    /// <summary>Waits for the sandbox's one schedule-change event to be delivered (2xx) and returns that delivery.</summary>
    private async Task<LedgerWebhookDelivery> DeliveredAsync()
    {
        await Eventually.TrueAsync(() => harness.Sandbox.Ledger.WebhookDeliveries.Any(d => d.Delivered), "the schedule change to be delivered");
        var delivery = Assert.Single(harness.Sandbox.Ledger.WebhookDeliveries, d => d.Delivered);
        Assert.Equal("order.airline_initiated_change_detected", delivery.Type);
        return delivery;
    }

    private List<LedgerWebhookDelivery> DeliveriesOf(string eventId) =>
        harness.Sandbox.Ledger.WebhookDeliveries.Where(d => d.EventId == eventId).OrderBy(d => d.Attempt).ToList();

    private List<LedgerEmail> ScheduleChangeEmails() =>
        harness.Sandbox.Ledger.Emails.Where(e => e.IdempotencyKey?.StartsWith("schedule_change/", StringComparison.Ordinal) == true).ToList();

    private async Task<BookingResponse> GetBookingAsync(Guid bookingId)
    {
        var result = Assert.IsType<OkObjectResult>(await harness.Get<BookingsFunction>().Get(
            PipelineHarness.Request("GET", token: ada), bookingId.ToString(), CancellationToken.None));
        return Assert.IsType<BookingResponse>(result.Value);
    }

    private Task<long> CountEventsAsync(Guid tripId, string kind) =>
        db.ScalarAsync<long>("select count(*) from trip_events where trip_id = @tripId and kind = @kind", new { tripId, kind });

    /// <summary>Posts a body to the function directly, freshly signed, as a later redelivery by Duffel would arrive.</summary>
    private Task<IActionResult> SendAsync(string body)
    {
        var request = PipelineHarness.Request("POST", body);
        request.Headers["X-Duffel-Signature"] = DuffelWebhookVerifier.SignatureFor(PipelineHarness.DuffelWebhookSecret, DateTimeOffset.UtcNow, body);
        return harness.Get<DuffelWebhookFunction>().Run(request, harness.Durable, CancellationToken.None);
    }

    /// <summary>How the email shows an airport-local time.</summary>
    private static string Time(DateTime local) => local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    private async Task AssertNoTravelerPiiStoredOrLoggedAsync()
    {
        var events = await db.QueryAsync<string>("select row_to_json(e)::text from trip_events e");
        foreach (var value in TravelerPii)
        {
            Assert.DoesNotContain(events, row => row.Contains(value, StringComparison.Ordinal));
            Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(value, StringComparison.Ordinal));
        }
    }
}
