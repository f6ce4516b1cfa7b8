using AutoBooking.Core.Offers;

namespace AutoBooking.Core.Ports;

/// <summary>The airline side (Duffel in production). Expected outcomes are typed; infrastructure faults throw.</summary>
public interface IFlightProvider
{
    Task<FlightSearchResult> SearchAsync(FlightSearch search, CancellationToken cancellationToken);

    Task<RepriceResult> RepriceAsync(string providerOfferId, CancellationToken cancellationToken);

    /// <summary>Creates an order. Never retried blindly: an unknown outcome comes back as <see cref="OrderStatus.Ambiguous"/>.</summary>
    Task<OrderResult> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken);

    /// <summary>One order as the provider sees it now, or null when the provider does not know the id.</summary>
    Task<FlightOrder?> GetOrderAsync(string providerOrderId, CancellationToken cancellationToken);

    /// <summary>One page of orders; pass the previous page's <see cref="FlightOrderPage.After"/> cursor for the next.</summary>
    Task<FlightOrderPage> ListOrdersAsync(string? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The order created for a booking attempt (found by its <c>metadata.attempt_id</c>), or null when none exists:
    /// how an ambiguous order creation is reconciled without re-posting it.
    /// </summary>
    Task<FlightOrder?> FindOrderByAttemptAsync(Guid attemptId, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="FindOrderByAttemptAsync(Guid, CancellationToken)"/>, reading only orders created since
    /// <paramref name="createdSince"/> (when the attempt began, less a margin for clock skew), so the look-up stays
    /// short however many orders the account holds.
    /// </summary>
    Task<FlightOrder?> FindOrderByAttemptAsync(Guid attemptId, DateTimeOffset createdSince, CancellationToken cancellationToken) =>
        FindOrderByAttemptAsync(attemptId, cancellationToken);

    /// <summary>
    /// Cancels an order: asks for a cancellation quote, then confirms it. Expected refusals (already cancelled,
    /// not cancellable, unknown order) are typed; infrastructure faults throw.
    /// </summary>
    Task<OrderCancellationResult> CancelOrderAsync(string providerOrderId, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the offer: an order with nothing paid (Duffel <c>type: "hold"</c>, only for offers that do not require
    /// instant payment). Seats are kept until <see cref="OrderResult.PaymentRequiredBy"/>; no tickets until
    /// <see cref="PayHoldAsync"/>. Posted once, never retried: an unknown outcome is <see cref="OrderStatus.Ambiguous"/>.
    /// Cancelling an unpaid hold (<see cref="CancelOrderAsync"/>) refunds nothing because nothing was paid.
    /// </summary>
    Task<OrderResult> CreateHoldOrderAsync(OrderRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Pays a hold order from the balance at <paramref name="amount"/>, which must be the order's current total
    /// (Duffel's Payments API, <c>POST /air/payments</c>). Posted once, never retried: an unknown outcome is
    /// <see cref="HoldPaymentStatus.Ambiguous"/> (read the order: <see cref="FlightOrder.AwaitingPayment"/>).
    /// </summary>
    Task<HoldPaymentResult> PayHoldAsync(string providerOrderId, Money.Money amount, CancellationToken cancellationToken);
}

/// <summary>What paying a hold came to.</summary>
public enum HoldPaymentStatus
{
    /// <summary>Paid and ticketed: <see cref="HoldPaymentResult.TicketNumbers"/>.</summary>
    Paid,

    /// <summary>The order's price is no longer the amount sent (Duffel <c>price_changed</c>): <see cref="HoldPaymentResult.CurrentTotal"/> when known.</summary>
    PriceChanged,

    /// <summary>Past <c>payment_required_by</c>, or cancelled: the seats are gone, nothing was paid.</summary>
    Expired,

    /// <summary>Refused for another reason (already paid, not a hold, validation); nothing was paid by this call.</summary>
    Rejected,

    /// <summary>Timeout, 5xx or lost response: it may have been paid. Read the order; never re-post blindly.</summary>
    Ambiguous,
}

/// <summary>The outcome of <see cref="IFlightProvider.PayHoldAsync"/>.</summary>
public sealed record HoldPaymentResult(
    HoldPaymentStatus Status, IReadOnlyList<string> TicketNumbers, Money.Money? CurrentTotal, string? FailureCode, string? ProviderRequestId);

/// <summary>
/// One flight search: outbound from <see cref="Origin"/> on <see cref="DepartureDate"/>, and back on
/// <see cref="ReturnDate"/> when it is a return. <see cref="Passengers"/>: one entry per passenger, in the
/// order the offers' <see cref="ProviderOffer.PassengerIds"/> come back in.
/// </summary>
public sealed record FlightSearch(
    string Origin, string Destination, DateOnly DepartureDate, DateOnly? ReturnDate, IReadOnlyList<SearchPassenger> Passengers,
    string Cabin, int MaxConnections);

/// <summary>A passenger as a search needs them: an adult, or a child or infant by age (years) on the day of travel.</summary>
public sealed record SearchPassenger(int? Age)
{
    public static SearchPassenger Adult { get; } = new((int?)null);

    public bool IsAdult => Age is null or >= 18;

    /// <summary>Under two: travels on an adult's lap (Duffel's <c>infant_without_seat</c>).</summary>
    public bool IsInfant => Age is < 2;
}

/// <summary>
/// An offer found by a search. <see cref="PassengerIds"/>: the provider's passenger ids, one per searched passenger,
/// in the order of <see cref="FlightSearch.Passengers"/>.
/// </summary>
public sealed record ProviderOffer(OfferCandidate Candidate, IReadOnlyList<string> PassengerIds, string RawJson);

public sealed record FlightSearchResult(string OfferRequestId, IReadOnlyList<ProviderOffer> Offers);

public enum RepriceStatus
{
    Available,
    Gone,
}

public sealed record RepriceResult(RepriceStatus Status, Money.Money? Total);

/// <summary>
/// A passenger on an order. <see cref="InfantPassengerId"/>: on an adult, the provider passenger id of the infant
/// traveling on their lap (each infant is assigned to exactly one adult). <see cref="Document"/>: the identity
/// document the order carries for them, only when the offer takes one (PII: never logged).
/// </summary>
public sealed record OrderPassenger(
    string ProviderPassengerId, string Title, string GivenName, string FamilyName, DateOnly BornOn,
    string Gender, string Email, string PhoneNumber)
{
    public string? InfantPassengerId { get; init; }

    public Trips.IdentityDocument? Document { get; init; }
}

public sealed record OrderRequest(string ProviderOfferId, Money.Money Total, IReadOnlyList<OrderPassenger> Passengers, Guid AttemptId);

public enum OrderStatus
{
    Confirmed,

    /// <summary>The provider said no (offer gone, price changed, validation). Nothing was bought.</summary>
    Rejected,

    /// <summary>Timeout, 5xx or lost response: the order may exist. Reconcile; never re-post.</summary>
    Ambiguous,
}

public sealed record OrderResult(
    OrderStatus Status, string? ProviderOrderId, string? BookingReference, IReadOnlyList<string> TicketNumbers,
    string? FailureCode, string? ProviderRequestId)
{
    /// <summary>When the provider rate-limited the request: how long to wait before trying again, if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A hold order: pay by then or the seats are released (null for paid orders).</summary>
    public DateTimeOffset? PaymentRequiredBy { get; init; }

    /// <summary>A hold order: its price is guaranteed until then (null: no guarantee, the price is checked when paying).</summary>
    public DateTimeOffset? PriceGuaranteeExpiresAt { get; init; }

    /// <summary>The order's total as the provider states it (a hold's price to pay), when it said.</summary>
    public Money.Money? Total { get; init; }

    public static OrderResult Rejected(string code, string? requestId) => new(OrderStatus.Rejected, null, null, [], code, requestId);

    public static OrderResult Ambiguous(string code, string? requestId) => new(OrderStatus.Ambiguous, null, null, [], code, requestId);
}
