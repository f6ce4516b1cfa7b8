using System.Collections.Concurrent;

namespace AutoBooking.Sandbox;

/// <summary>
/// Failures a test arranges before it acts. Order-creation faults form a queue: each POST /air/orders takes
/// (consumes) the next one, so "fail once, then succeed" is <c>FailNextOrderCreation(1, ...)</c>.
/// </summary>
public sealed class Faults
{
    private readonly ConcurrentQueue<DuffelFault> orderCreation = new();
    private readonly ConcurrentDictionary<string, byte> goneOffers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> expiredOffers = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> order creations fail with <paramref name="kind"/>, one per call.</summary>
    public void FailNextOrderCreation(int count, DuffelFault kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Duffel fault.");
        }
        for (var i = 0; i < count; i++)
        {
            orderCreation.Enqueue(kind);
        }
    }

    /// <summary>Order-creation faults not yet consumed.</summary>
    public int PendingOrderCreationFaults => orderCreation.Count;

    /// <summary>The airline withdrew the offer: fetching it or ordering it answers 422 offer_no_longer_available.</summary>
    public void MarkOfferGone(string offerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        goneOffers[offerId] = 0;
    }

    /// <summary>
    /// The offer's 30 minutes ran out: fetching it answers 404 not_found, ordering it 422
    /// offer_no_longer_available. Saves a test from waiting half an hour.
    /// </summary>
    public void ExpireOffer(string offerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        expiredOffers[offerId] = 0;
    }

    /// <summary>Forgets every arranged fault.</summary>
    public void Clear()
    {
        orderCreation.Clear();
        goneOffers.Clear();
        expiredOffers.Clear();
    }

    internal bool TryTakeOrderCreationFault(out DuffelFault fault) => orderCreation.TryDequeue(out fault);

    internal bool IsGone(string offerId) => goneOffers.ContainsKey(offerId);

    internal bool IsExpired(string offerId) => expiredOffers.ContainsKey(offerId);
}
