using AutoBooking.Sandbox.Duffel;

namespace AutoBooking.Sandbox;

/// <summary>
/// What airlines do to orders after they are sold, for tests to arrange: a held order repriced once its price
/// guarantee lapsed (<see cref="RepriceHold"/>); a schedule change moves the flights of
/// a slice, shows in the order (<c>GET /air/orders/{id}</c>: new slice, new times, listed under
/// <c>airline_initiated_changes</c>) and, when webhooks are on, sends a signed
/// <c>order.airline_initiated_change_detected</c> (the order as <c>data.object</c>, the change as
/// <c>data.changes</c>, idempotency_key the change's <c>aic_</c> id).
/// </summary>
public sealed class Airline
{
    private readonly DuffelStore store;
    private readonly Webhooks webhooks;

    internal Airline(DuffelStore store, Webhooks webhooks)
    {
        this.store = store;
        this.webhooks = webhooks;
    }

    /// <summary>
    /// Moves every flight of slice <paramref name="sliceIndex"/> (0 = outbound) of the order by
    /// <paramref name="moveBy"/> (whole minutes, later or earlier).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No order has this id.</exception>
    /// <exception cref="InvalidOperationException">The order is cancelled.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No such slice, or not a whole, non-zero number of minutes.</exception>
    public LedgerAirlineChange ChangeSchedule(string orderId, TimeSpan moveBy, int sliceIndex = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var change = store.ChangeSchedule(orderId, sliceIndex, moveBy) ?? throw new KeyNotFoundException($"No order {orderId}.");
        webhooks.Duffel("order.airline_initiated_change_detected", DuffelJson.Order(change.Order), change.Id,
            DuffelJson.AirlineInitiatedChange(change));
        return change.Recorded;
    }

    /// <summary>
    /// The hold's price guarantee lapsed and the airline repriced it: <c>GET /air/orders/{id}</c> shows
    /// <paramref name="newTotal"/> (in the order's currency, rounded to the penny), and paying the old total is refused
    /// with 422 price_changed. The sandbox does not check the guarantee's time: repricing is the test's statement that it lapsed.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No order has this id.</exception>
    /// <exception cref="InvalidOperationException">The order is not a hold awaiting payment (instant, paid, cancelled or lapsed).</exception>
    public LedgerOrder RepriceHold(string orderId, decimal newTotal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var order = store.RepriceHold(orderId, newTotal) ?? throw new KeyNotFoundException($"No order {orderId}.");
        return order.ToLedger();
    }
}
