using System.Collections.Concurrent;

namespace AutoBooking.Sandbox;

/// <summary>
/// Failures a test arranges before it acts. Faults form a queue per operation: each call of the operation takes
/// (consumes) the next one, so "fail once, then succeed" is <c>FailNext(operation, 1, ...)</c>, and
/// <see cref="PendingFaults"/> going down by exactly one proves a call was made exactly once.
/// </summary>
public sealed class Faults
{
    private readonly ConcurrentDictionary<DuffelOperation, ConcurrentQueue<DuffelFault>> duffel = new();
    private readonly ConcurrentDictionary<StripeOperation, ConcurrentQueue<StripeFault>> stripe = new();
    private readonly ConcurrentQueue<ResendFault> emails = new();
    private readonly ConcurrentDictionary<string, byte> goneOffers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> expiredOffers = new(StringComparer.Ordinal);

    /// <summary>How far ahead a rate-limit fault says the window resets (ratelimit-reset, retry-after). One second by default.</summary>
    public TimeSpan RateLimitReset { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> fail with <paramref name="kind"/>, one per call.</summary>
    public void FailNext(DuffelOperation operation, int count, DuffelFault kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!Enum.IsDefined(operation))
        {
            throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown Duffel operation.");
        }
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Duffel fault.");
        }
        if (kind == DuffelFault.AcceptedThenFailed && operation != DuffelOperation.CreateOrder)
        {
            throw new ArgumentException("Only an order creation can be accepted and then fail.", nameof(kind));
        }
        var queue = duffel.GetOrAdd(operation, _ => new ConcurrentQueue<DuffelFault>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(kind);
        }
    }

    /// <summary>The next <paramref name="count"/> order creations fail with <paramref name="kind"/>, one per call.</summary>
    public void FailNextOrderCreation(int count, DuffelFault kind) => FailNext(DuffelOperation.CreateOrder, count, kind);

    /// <summary>Faults of <paramref name="operation"/> not yet consumed.</summary>
    public int PendingFaults(DuffelOperation operation) => duffel.TryGetValue(operation, out var queue) ? queue.Count : 0;

    /// <summary>Order-creation faults not yet consumed.</summary>
    public int PendingOrderCreationFaults => PendingFaults(DuffelOperation.CreateOrder);

    /// <summary>The next <paramref name="count"/> calls of the Stripe <paramref name="operation"/> fail with <paramref name="kind"/>, one per call.</summary>
    public void FailNext(StripeOperation operation, int count, StripeFault kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!Enum.IsDefined(operation))
        {
            throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown Stripe operation.");
        }
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Stripe fault.");
        }
        var queue = stripe.GetOrAdd(operation, _ => new ConcurrentQueue<StripeFault>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(kind);
        }
    }

    /// <summary>Faults of the Stripe <paramref name="operation"/> not yet consumed.</summary>
    public int PendingFaults(StripeOperation operation) => stripe.TryGetValue(operation, out var queue) ? queue.Count : 0;

    /// <summary>The next <paramref name="count"/> Resend sends fail with <paramref name="kind"/>, one per call.</summary>
    public void FailNextEmails(int count, ResendFault kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Resend fault.");
        }
        for (var i = 0; i < count; i++)
        {
            emails.Enqueue(kind);
        }
    }

    /// <summary>Resend faults not yet consumed.</summary>
    public int PendingEmailFaults => emails.Count;

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
        duffel.Clear();
        stripe.Clear();
        emails.Clear();
        goneOffers.Clear();
        expiredOffers.Clear();
    }

    internal bool TryTake(DuffelOperation operation, out DuffelFault fault)
    {
        fault = default;
        return duffel.TryGetValue(operation, out var queue) && queue.TryDequeue(out fault);
    }

    internal bool TryTake(StripeOperation operation, out StripeFault fault)
    {
        fault = default;
        return stripe.TryGetValue(operation, out var queue) && queue.TryDequeue(out fault);
    }

    internal bool TryTakeEmailFault(out ResendFault fault) => emails.TryDequeue(out fault);

    internal bool IsGone(string offerId) => goneOffers.ContainsKey(offerId);

    internal bool IsExpired(string offerId) => expiredOffers.ContainsKey(offerId);
}
