using AutoBooking.Sandbox;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// The five invariants of DESIGN §5 for one trip, checked against what the outside world saw (the sandbox ledger) and
/// what we stored, once the saga and a reconciler pass are done with it. Each violation names its invariant.
/// (A checker of the chaos runner's own; the saga branch's SagaInvariants covers the fault matrix.)
/// </summary>
public static class BookingInvariants
{
    public const string NoChargeWithoutTicket = "1 no charge without a ticket";
    public const string NoTicketWithoutPayment = "2 no ticket without payment";
    public const string AtMostOneBooking = "3 at most one booking per trip";
    public const string SideEffectsOnce = "4 side effects once (idempotent)";
    public const string NothingLost = "5 nothing silently lost";

    public static IReadOnlyList<string> All { get; } = [NoChargeWithoutTicket, NoTicketWithoutPayment, AtMostOneBooking, SideEffectsOnce, NothingLost];

    public static async Task<List<(string Invariant, string Detail)>> CheckAsync(Ledger ledger, Db db, Guid tripId)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(db);
        var violations = new List<(string, string)>();
        var attempts = await db.QueryAsync<(Guid Id, string Status)>("select id, status from booking_attempts where trip_id = @tripId", new { tripId });
        var bookings = await db.QueryAsync<(Guid AttemptId, string ProviderOrderId)>(
            "select attempt_id, provider_order_id from bookings where trip_id = @tripId", new { tripId });
        var tripStatus = await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId });
        var cancelled = ledger.OrderCancellations.Where(c => c.ConfirmedAt is not null).Select(c => c.OrderId).ToHashSet(StringComparer.Ordinal);
        var liveOrders = 0;
        var paidAttempts = 0;

        foreach (var (attemptId, status) in attempts)
        {
            var key = attemptId.ToString();
            var intents = ledger.PaymentIntents.Where(p => p.Metadata.TryGetValue("attempt_id", out var a) && a == key).ToList();
            var orders = ledger.Orders.Where(o => o.Metadata.TryGetValue("attempt_id", out var a) && a == key).ToList();
            var live = orders.Where(o => !cancelled.Contains(o.Id)).ToList();
            var netCaptured = intents.Sum(p => p.AmountReceived - p.AmountRefunded);
            liveOrders += live.Count;
            paidAttempts += netCaptured > 0 ? 1 : 0;

            if (netCaptured > 0 && live.Count == 0)
            {
                violations.Add((NoChargeWithoutTicket, $"attempt {attemptId} ({status}): {netCaptured} captured, no live order"));
            }
            if (live.Count > 0 && netCaptured <= 0)
            {
                violations.Add((NoTicketWithoutPayment, $"attempt {attemptId} ({status}): live order {live[0].Id}, nothing captured"));
            }
            if (orders.Count > 1 || intents.Any(p => p.CaptureCount > 1) || intents.Count > 1)
            {
                violations.Add((SideEffectsOnce, $"attempt {attemptId}: {orders.Count} orders, {intents.Count} intents, captures {string.Join('/', intents.Select(p => p.CaptureCount))}"));
            }
            if (status is not ("succeeded" or "failed" or "needs_attention"))
            {
                violations.Add((NothingLost, $"attempt {attemptId} still {status}"));
            }
            if (status is "succeeded" or "failed" && intents.Any(p => p.Status == "requires_capture"))
            {
                violations.Add((NothingLost, $"attempt {attemptId} ({status}) left a hold on the card"));
            }
            if (status == "succeeded" && !bookings.Any(b => b.AttemptId == attemptId))
            {
                violations.Add((NothingLost, $"attempt {attemptId} succeeded without a booking row"));
            }
        }
        if (bookings.Count > 1 || liveOrders > 1 || paidAttempts > 1)
        {
            violations.Add((AtMostOneBooking, $"trip {tripId}: {bookings.Count} bookings, {liveOrders} live orders, {paidAttempts} paid attempts"));
        }
        if (tripStatus == "booking")
        {
            violations.Add((NothingLost, $"trip {tripId} still booking"));
        }
        return violations;
    }
}
