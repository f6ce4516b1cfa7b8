using System.Collections.Concurrent;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// Duffel's state: searches, offers and orders, and the rules for when an offer can be sold. Booking takes a
/// lock so an offer is sold once even when two orders for it race.
/// </summary>
internal sealed class DuffelStore(Fares fares, Faults faults, Ledger ledger, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, OfferRequestRecord> offerRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OfferRecord> offers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrderRecord> ordersById = new(StringComparer.Ordinal);
    private readonly Lock bookingGate = new();
    private readonly List<OrderRecord> orders = [];
    private readonly Dictionary<string, OrderCancellationRecord> cancellations = new(StringComparer.Ordinal);

    /// <summary>The airline keeps this share of the fare when an order is cancelled; the rest is refunded to the balance.</summary>
    public const decimal CancellationPenaltyShare = 0.10m;

    /// <summary>How long a cancellation quote can be confirmed.</summary>
    public static readonly TimeSpan CancellationQuoteLifetime = TimeSpan.FromMinutes(15);

    public DateTimeOffset Now => time.UtcNowToSecond();

    public OfferRequestRecord CreateOfferRequest(
        IReadOnlyList<SliceQuery> slices, IReadOnlyList<PassengerQuery> passengers, string cabinClass, int? maxConnections)
    {
        var now = Now;
        var id = Ids.Duffel("orq");
        var cheapest = fares.Cheapest(slices, passengers, cabinClass);
        var created = OfferFactory.Create(id, slices, passengers, cabinClass, maxConnections, cheapest, now);
        var offerRequest = new OfferRequestRecord(id, slices, passengers, cabinClass, maxConnections, now, created);
        foreach (var offer in created)
        {
            offers[offer.Id] = offer;
        }
        offerRequests[id] = offerRequest;
        ledger.Record(new LedgerOfferRequest(
            id,
            slices.Select(s => new LedgerSlice(s.Origin, s.Destination, s.DepartureDate)).ToList(),
            passengers.Select(p => new LedgerSearchPassenger(p.Id, p.FareType, p.Age)).ToList(),
            cabinClass,
            maxConnections,
            created.Count,
            now));
        return offerRequest;
    }

    public OfferRequestRecord? FindOfferRequest(string id) => offerRequests.GetValueOrDefault(id);

    public OfferAvailability Find(string offerId, out OfferRecord? offer)
    {
        if (!offers.TryGetValue(offerId, out offer))
        {
            return OfferAvailability.NotFound;
        }
        return AvailabilityOf(offer);
    }

    /// <summary>The offer's price now: as generated, unless the airline repriced it since.</summary>
    public FareQuote CurrentTotal(OfferRecord offer) =>
        fares.RepricedTotal(offer.Id) is { } repriced ? offer.Total with { Amount = repriced } : offer.Total;

    /// <summary>
    /// Sells the offer unless it stopped being available since the caller looked (a concurrent order,
    /// expiry); returns null then. An instant order is paid and ticketed now; a hold (<paramref name="hold"/>) is
    /// neither, and must be paid within <see cref="OfferTermsPlan.HoldFor"/> (its price guaranteed for
    /// <see cref="OfferTermsPlan.PriceGuaranteedFor"/>). Either way the offer is sold.
    /// </summary>
    public OrderRecord? Book(
        OfferRecord offer, FareQuote total, IReadOnlyList<OrderPassenger> passengers, IReadOnlyDictionary<string, string>? metadata, bool hold)
    {
        lock (bookingGate)
        {
            if (AvailabilityOf(offer) != OfferAvailability.Available)
            {
                return null;
            }
            offer.Booked = true;
            var now = Now;
            var order = new OrderRecord(Ids.Duffel("ord"), offer, Ids.BookingReference(), passengers, metadata, now)
            {
                Type = hold ? OrderRecord.Hold : OrderRecord.Instant,
                Total = total,
                TicketNumbers = hold ? [] : Tickets(offer, passengers.Count),
                PaidAt = hold ? null : now,
                PaymentRequiredBy = hold ? now + OfferTermsPlan.HoldFor : null,
                PriceGuaranteeExpiresAt = hold ? now + OfferTermsPlan.PriceGuaranteedFor : null,
                // The order's own copy: an airline changing the order's flights leaves the offer as it was sold.
                Slices = offer.Slices.DeepClone().AsArray(),
            };
            ordersById[order.Id] = order;
            orders.Add(order);
            ledger.Record(order.ToLedger());
            return order;
        }
    }

    /// <summary>
    /// Pays a hold at <paramref name="amount"/>, which must be its current total: tickets are issued and the payment
    /// recorded. Null when paid; otherwise why not, and nothing changed. A hold past its deadline lapses first.
    /// </summary>
    public PaymentRefusal? Pay(OrderRecord order, FareQuote amount, string type, out PaymentRecord? payment)
    {
        payment = null;
        lock (bookingGate)
        {
            ExpireIfLapsed(order);
            if (order.ExpiredAt is not null)
            {
                return PaymentRefusal.Expired;
            }
            if (order.CancelledAt is not null)
            {
                return PaymentRefusal.Cancelled;
            }
            if (order.PaidAt is not null)
            {
                return PaymentRefusal.AlreadyPaid;
            }
            if (amount.Amount != order.Total.Amount || amount.Currency != order.Total.Currency)
            {
                return PaymentRefusal.PriceChanged;
            }
            var now = Now;
            order.PaidAt = now;
            order.TicketNumbers = Tickets(order.Offer, order.Passengers.Count);
            payment = new PaymentRecord(Ids.Duffel("pay"), order, order.Total, type, now);
            ledger.Record(payment.ToLedger());
            ledger.Record(order.ToLedger());
            return null;
        }
    }

    /// <summary>
    /// The airline reprices a hold (its price guarantee lapsed): paying it now costs <paramref name="newTotal"/>, in
    /// the order's currency, and a payment of the old total is refused with price_changed. Null when the order is unknown.
    /// </summary>
    /// <exception cref="InvalidOperationException">The order is not an unpaid, live hold.</exception>
    public OrderRecord? RepriceHold(string orderId, decimal newTotal)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newTotal);
        lock (bookingGate)
        {
            if (!ordersById.TryGetValue(orderId, out var order))
            {
                return null;
            }
            ExpireIfLapsed(order);
            if (!order.AwaitingPayment)
            {
                throw new InvalidOperationException($"Order {orderId} is not a hold awaiting payment; only those can be repriced.");
            }
            order.Total = order.Total with { Amount = decimal.Round(newTotal, 2) };
            ledger.Record(order.ToLedger());
            return order;
        }
    }

    /// <summary>The order, as of now: an unpaid hold past its deadline reads as lapsed (cancelled at the deadline).</summary>
    public OrderRecord? FindOrder(string id)
    {
        if (!ordersById.TryGetValue(id, out var order))
        {
            return null;
        }
        if (order.AwaitingPayment && Now >= order.PaymentRequiredBy)
        {
            lock (bookingGate)
            {
                ExpireIfLapsed(order);
            }
        }
        return order;
    }

    /// <summary>Orders, oldest first.</summary>
    public IReadOnlyList<OrderRecord> Orders()
    {
        lock (bookingGate)
        {
            foreach (var order in orders)
            {
                ExpireIfLapsed(order);
            }
            return orders.ToArray();
        }
    }

    /// <summary>
    /// The airline moves every flight of one slice of a sold order by <paramref name="moveBy"/> (a connection
    /// keeps its length): the order's slice is replaced by one with the new times and new slice and segment ids,
    /// and the change is recorded on the order and in the ledger. Null when the order is unknown.
    /// </summary>
    public AirlineChangeRecord? ChangeSchedule(string orderId, int sliceIndex, TimeSpan moveBy)
    {
        if (moveBy == TimeSpan.Zero || moveBy.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(moveBy), moveBy, "A schedule change moves flights by whole minutes, and not by zero.");
        }
        lock (bookingGate)
        {
            if (!ordersById.TryGetValue(orderId, out var order))
            {
                return null;
            }
            if (order.CancelledAt is not null)
            {
                throw new InvalidOperationException($"Order {orderId} is cancelled; there is no schedule left to change.");
            }
            if (sliceIndex < 0 || sliceIndex >= order.Slices.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(sliceIndex), sliceIndex, $"Order {orderId} has {order.Slices.Count} slice(s).");
            }
            var before = order.Slices[sliceIndex]!.AsObject();
            var after = before.DeepClone().AsObject();
            after["id"] = Ids.Duffel("sli");
            foreach (var segment in after["segments"]!.AsArray())
            {
                segment!["id"] = Ids.Duffel("seg");
                segment["departing_at"] = Wire.LocalTime(AirlineChangeRecord.LocalTime(segment["departing_at"]!) + moveBy);
                segment["arriving_at"] = Wire.LocalTime(AirlineChangeRecord.LocalTime(segment["arriving_at"]!) + moveBy);
            }
            var slices = order.Slices.DeepClone().AsArray();
            slices[sliceIndex] = after.DeepClone();
            var change = new AirlineChangeRecord(Ids.Duffel("aic"), order, sliceIndex, moveBy, before.DeepClone().AsObject(), after, Now);
            order.Slices = slices;
            order.AirlineChanges = [.. order.AirlineChanges, change];
            ledger.Record(change.Recorded);
            return change;
        }
    }

    /// <summary>
    /// Quotes a cancellation: null when the order is already cancelled (or, a hold, lapsed). An unpaid hold refunds
    /// nothing, since nothing was paid; a paid order refunds all but <see cref="CancellationPenaltyShare"/>.
    /// </summary>
    public OrderCancellationRecord? QuoteCancellation(OrderRecord order)
    {
        lock (bookingGate)
        {
            ExpireIfLapsed(order);
            if (order.CancelledAt is not null)
            {
                return null;
            }
            var now = Now;
            var refund = order.PaidAt is null ? 0m : decimal.Round(order.Total.Amount * (1 - CancellationPenaltyShare), 2);
            var cancellation = new OrderCancellationRecord
            {
                Id = Ids.Duffel("ore"),
                Order = order,
                Refund = order.Total with { Amount = refund },
                CreatedAt = now,
                ExpiresAt = now + CancellationQuoteLifetime,
            };
            cancellations[cancellation.Id] = cancellation;
            ledger.Record(cancellation.ToLedger());
            return cancellation;
        }
    }

    public OrderCancellationRecord? FindCancellation(string id)
    {
        lock (bookingGate)
        {
            return cancellations.GetValueOrDefault(id);
        }
    }

    /// <summary>Confirms a quote and cancels its order; false when the order was cancelled meanwhile (by this or another quote).</summary>
    public bool ConfirmCancellation(OrderCancellationRecord cancellation)
    {
        lock (bookingGate)
        {
            ExpireIfLapsed(cancellation.Order);
            if (cancellation.Order.CancelledAt is not null)
            {
                return false;
            }
            var now = Now;
            cancellation.ConfirmedAt = now;
            cancellation.Order.CancelledAt = now;
            ledger.Record(cancellation.ToLedger());
            ledger.Record(cancellation.Order.ToLedger());
            return true;
        }
    }

    /// <summary>
    /// An unpaid hold past its deadline lapses: cancelled as of the deadline, with nothing paid or refunded. Duffel
    /// releases the seats at that moment; the sandbox notices when the order is next touched (read, paid, cancelled,
    /// listed), which a client cannot tell apart. Call under the booking lock.
    /// </summary>
    private void ExpireIfLapsed(OrderRecord order)
    {
        if (order.AwaitingPayment && order.PaymentRequiredBy is { } deadline && Now >= deadline)
        {
            order.CancelledAt = deadline;
            order.ExpiredAt = deadline;
            ledger.Record(order.ToLedger());
        }
    }

    private static List<string> Tickets(OfferRecord offer, int passengers) =>
        Enumerable.Range(0, passengers).Select(_ => Ids.TicketNumber(offer.Owner.TicketingCode)).ToList();

    private OfferAvailability AvailabilityOf(OfferRecord offer)
    {
        if (faults.IsExpired(offer.Id) || Now >= offer.ExpiresAt)
        {
            return OfferAvailability.Expired;
        }
        return faults.IsGone(offer.Id) || offer.Booked ? OfferAvailability.Gone : OfferAvailability.Available;
    }
}
