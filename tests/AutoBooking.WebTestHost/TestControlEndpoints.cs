using System.Globalization;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace AutoBooking.WebTestHost;

/// <summary>
/// <c>/_test/*</c>: what the browser tests do that no user can: pin a fare, run the background stages once (the timers
/// and queues the host would run), read the emails the sandbox received, inject a provider fault. Test-only, by design.
/// </summary>
public static class TestControlEndpoints
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private const string AgeAttemptsSql = """
        with aged as (update booking_attempts set updated_at = updated_at - make_interval(mins => @minutes)
            where status = 'needs_attention' returning 1)
        select count(*) from aged
        """;

    public static void MapTestControl(this IEndpointRouteBuilder app, WebTestEnvironment environment)
    {
        var harness = environment.Harness;
        var group = app.MapGroup("/_test");
        group.MapGet("/info", () => Results.Json(new
        {
            origin = environment.Origin,
            apiOrigin = environment.ApiOrigin,
            departureDate = TripBodies.Departure,
            sandbox = environment.Sandbox.BaseUrl,
            identityIssuer = environment.IdentityIssuer,
        }));
        group.MapPost("/fares", (FarePin pin) =>
        {
            var date = pin.Date ?? TripBodies.DepartureDate;
            environment.Sandbox.Fares.SetFare(pin.Origin, pin.Destination, date, pin.Amount, pin.Currency ?? Fares.DefaultCurrency);
            return Results.Json(new { pin.Origin, pin.Destination, date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), pin.Amount });
        });
        group.MapPost("/faults/order-outcome-unknown", () =>
        {
            // The next order POST answers 500: the saga cannot know whether the order exists, so the attempt ends needing
            // an operator (PipelineEndToEndTests' Pipeline_OrderOutcomeUnknownAndNoOrderFound_...).
            environment.Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.ServerError);
            return Results.NoContent();
        });
        group.MapPost("/attempts/age", async (int minutes) =>
        {
            // The reconciler trusts "no such order" only once an attempt has been quiet for a while (an accepted creation
            // may still land): the worker reads the real clock, so time passes for the attempts instead.
            var aged = await new Db(harness.DatabaseConnectionString).ScalarAsync<long>(AgeAttemptsSql, new { minutes });
            return Results.Json(new { aged });
        });
        group.MapPost("/run", async (CancellationToken cancellationToken) => Results.Json(await RunStagesAsync(harness, cancellationToken)));
        group.MapPost("/outbox", async () => Results.Json(await harness.DeliverOutboxUntilSettledAsync()));
        group.MapGet("/emails", (string? to) => Results.Json(environment.Sandbox.Ledger.Emails
            .Where(e => to is null || e.To.Contains(to, StringComparer.OrdinalIgnoreCase))
            .Select(e => new { e.Id, e.To, e.Subject, e.Html, e.Text, e.CreatedAt })));
    }

    /// <summary>
    /// One pass of the background pipeline: every watching trip made due (shared searches expired), the sweep, the search queue, the booking queue,
    /// then waits until every booking saga has ended or waits for the traveler (approval, 3-D Secure), then the outbox.
    /// </summary>
    private static async Task<object> RunStagesAsync(PipelineHarness harness, CancellationToken cancellationToken)
    {
        var db = new Db(harness.DatabaseConnectionString);
        // A later check, as if time had passed: every watching trip is due and no shared search result is still fresh
        // (else a fare pinned since the last run would not be seen).
        await harness.ExpireSharedSearchesAsync();
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute' where status = 'watching'");
        var swept = await harness.RunMonitorSweepAsync();
        var searched = await harness.DrainSearchQueueAsync();
        var started = await harness.DrainBookingQueueAsync();
        var attempts = await WaitForSagasAsync(harness, db, cancellationToken);
        var outbox = await harness.DeliverOutboxUntilSettledAsync();
        return new { swept, searched = searched.Count, started = started.Count, attempts, outbox };
    }

    private static async Task<List<AttemptState>> WaitForSagasAsync(PipelineHarness harness, Db db, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + SettleTimeout;
        var lastCount = harness.TriggerInvocations.Count;
        var quietSince = DateTimeOffset.UtcNow;
        while (true)
        {
            var states = new List<AttemptState>();
            foreach (var (attemptId, tripId, instanceId, status) in await db.QueryAsync<(Guid, Guid, string, string)>(
                "select id, trip_id, instance_id, status from booking_attempts order by created_at"))
            {
                var instance = await harness.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
                var running = instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending };
                // The app's own reading of "the saga asked this attempt's traveler" (the trip's approve_fare stage).
                var approvalAsked = await harness.Get<BookingRepository>().ApprovalRequestedAsync(tripId, attemptId, cancellationToken);
                var waitsFor = !running ? null
                    : status == "awaiting_authentication" ? "authentication"
                    : approvalAsked && status == "started" ? "approval"
                    : "steps";
                states.Add(new AttemptState(tripId, status, instance?.RuntimeStatus.ToString() ?? "unknown", waitsFor));
            }
            var count = harness.TriggerInvocations.Count;
            if (count != lastCount)
            {
                lastCount = count;
                quietSince = DateTimeOffset.UtcNow;
            }
            var quiet = DateTimeOffset.UtcNow - quietSince >= Quiet;
            if (states.All(s => s.WaitsFor is null || (s.WaitsFor != "steps" && quiet)))
            {
                return states;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The booking sagas did not settle in {SettleTimeout.TotalSeconds:0} s: {string.Join(", ", states)}");
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>A fare to pin in the sandbox; <see cref="Date"/> defaults to the test calendar's first departure.</summary>
    public sealed record FarePin(string Origin, string Destination, decimal Amount, string? Currency, DateOnly? Date);

    /// <summary>Where one booking attempt stands: <see cref="WaitsFor"/> null when its saga ended.</summary>
    public sealed record AttemptState(Guid TripId, string Status, string Runtime, string? WaitsFor);
}
