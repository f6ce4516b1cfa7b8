using AutoBooking.Sandbox;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// The five invariants of DESIGN §5, checked for one trip from what the outside world saw (the sandbox ledger: orders,
/// payment intents, cancellations, refunds) and what the database says (attempts, bookings, the trip's status). For
/// the fault matrix, the outage and reconciler tests, and the chaos runner: <see cref="CheckTripAsync"/> returns every violation, <see cref="AssertTripAsync"/>
/// fails with them. Call it once the trip's saga has completed.
/// </summary>
public static class SagaInvariants
{
    private static readonly string[] TerminalStatuses = ["succeeded", "failed", "needs_attention"];

    public static async Task AssertTripAsync(Ledger ledger, string connectionString, Guid tripId)
    {
        var violations = await CheckTripAsync(ledger, connectionString, tripId);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    public static async Task<IReadOnlyList<InvariantViolation>> CheckTripAsync(Ledger ledger, string connectionString, Guid tripId)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var db = new Db(connectionString);
        var attempts = await db.QueryAsync<AttemptRow>(
            "select id, status, failure_code as FailureCode, provider_order_id as ProviderOrderId from booking_attempts where trip_id = @tripId",
            new { tripId });
        var bookings = await db.QueryAsync<BookingRow>(
            "select attempt_id as AttemptId, provider_order_id as ProviderOrderId from bookings where trip_id = @tripId", new { tripId });
        var tripStatus = await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId });
        var violations = new List<InvariantViolation>();
        foreach (var attempt in attempts)
        {
            violations.AddRange(CheckAttempt(ledger, attempt, bookings));
        }
        var liveOrders = attempts.SelectMany(a => OrdersOf(ledger, a.Id)).Count(o => IsTicketed(ledger, o));
        var paidAttempts = attempts.Count(a => IntentsOf(ledger, a.Id).Sum(p => p.AmountReceived - p.AmountRefunded) > 0);
        if (bookings.Count > 1 || liveOrders > 1 || paidAttempts > 1)
        {
            violations.Add(new(InvariantViolation.AtMostOneBooking, Guid.Empty,
                $"trip {tripId}: {bookings.Count} bookings, {liveOrders} live orders, {paidAttempts} paid attempts"));
        }
        if (tripStatus == "booking" && attempts.All(a => TerminalStatuses.Contains(a.Status)))
        {
            violations.Add(new(InvariantViolation.NothingSilentlyLost, Guid.Empty, $"trip {tripId} stays in booking with every attempt ended"));
        }
        return violations;
    }

    private static IEnumerable<InvariantViolation> CheckAttempt(Ledger ledger, AttemptRow attempt, List<BookingRow> bookings)
    {
        var orders = OrdersOf(ledger, attempt.Id);
        var intents = IntentsOf(ledger, attempt.Id);
        // A held fare (a hold order) is no ticket until paid; one still holding seats must be cancelled unless flagged.
        var liveOrders = orders.Where(o => IsTicketed(ledger, o)).ToList();
        var unpaidHolds = orders.Where(o => o.AwaitingPayment && o.ExpiredAt is null && !IsCancelled(ledger, o)).ToList();
        var captured = intents.Where(p => p.AmountReceived > 0).ToList();
        var refunded = captured.All(p => p.AmountRefunded >= p.AmountReceived);
        var held = intents.Any(p => p.Status == "requires_capture");
        var flagged = attempt.Status == "needs_attention";
        var booked = bookings.Any(b => b.AttemptId == attempt.Id);

        if (!TerminalStatuses.Contains(attempt.Status))
        {
            yield return new(InvariantViolation.NothingSilentlyLost, attempt.Id, $"attempt left {attempt.Status}");
        }
        // 1. Money taken only for a ticket (or given back).
        if (captured.Count > 0 && liveOrders.Count == 0 && !refunded && !flagged)
        {
            yield return new(InvariantViolation.NoChargeWithoutTicket, attempt.Id, "captured without a live order, not refunded");
        }
        // 2. A ticket only for money taken, unless an operator is on it while the hold still lives.
        if (liveOrders.Count > 0 && captured.Count == 0 && !(flagged && held))
        {
            yield return new(InvariantViolation.NoTicketWithoutPayment, attempt.Id, $"live order {liveOrders[0].Id} unpaid ({attempt.Status}, held: {held})");
        }
        // 4. One order, one live intent, one capture per attempt (idempotency keys; orders never re-posted). A held fare
        // whose price changed when paid is authorized again, once the first authorization was cancelled.
        if (orders.Count > 1 || intents.Count(p => p.Status != "canceled") > 1 || intents.Sum(p => p.CaptureCount) > 1)
        {
            yield return new(InvariantViolation.SideEffectsOnce, attempt.Id, $"{orders.Count} orders, {intents.Count} intents, captures {string.Join(",", intents.Select(p => p.CaptureCount))}");
        }
        // 5. Nothing left in limbo: no live hold unless flagged; paid and ticketed means recorded; recorded means succeeded.
        if (unpaidHolds.Count > 0 && !flagged)
        {
            yield return new(InvariantViolation.NothingSilentlyLost, attempt.Id, $"unpaid hold {unpaidHolds[0].Id} left holding seats on a {attempt.Status} attempt");
        }
        if (held && !flagged)
        {
            yield return new(InvariantViolation.NothingSilentlyLost, attempt.Id, $"hold left live on a {attempt.Status} attempt");
        }
        if (captured.Count > 0 && liveOrders.Count > 0 && !booked && !flagged)
        {
            yield return new(InvariantViolation.NothingSilentlyLost, attempt.Id, "paid and ticketed but not recorded, not flagged");
        }
        if (booked != (attempt.Status == "succeeded"))
        {
            yield return new(InvariantViolation.NothingSilentlyLost, attempt.Id, $"booking recorded: {booked}, attempt {attempt.Status}");
        }
    }

    private static List<LedgerOrder> OrdersOf(Ledger ledger, Guid attemptId) =>
        ledger.Orders.Where(o => o.Metadata.TryGetValue("attempt_id", out var id) && id == attemptId.ToString()).ToList();

    private static List<LedgerPaymentIntent> IntentsOf(Ledger ledger, Guid attemptId) =>
        ledger.PaymentIntents.Where(p => p.Metadata.TryGetValue("attempt_id", out var id) && id == attemptId.ToString()).ToList();

    /// <summary>A ticket exists: not cancelled, and not a hold that is unpaid or expired.</summary>
    private static bool IsTicketed(Ledger ledger, LedgerOrder order) =>
        !IsCancelled(ledger, order) && !order.AwaitingPayment && order.ExpiredAt is null && order.TicketNumbers.Count > 0;

    private static bool IsCancelled(Ledger ledger, LedgerOrder order) =>
        ledger.OrderCancellations.Any(c => c.OrderId == order.Id && c.ConfirmedAt is not null);

    private sealed record AttemptRow(Guid Id, string Status, string? FailureCode, string? ProviderOrderId);

    private sealed record BookingRow(Guid AttemptId, string ProviderOrderId);
}
