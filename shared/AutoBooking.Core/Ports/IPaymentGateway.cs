namespace AutoBooking.Core.Ports;

/// <summary>The card side (Stripe in production). Every call carries an idempotency key.</summary>
public interface IPaymentGateway
{
    /// <summary>Authorizes (holds) the amount off-session with manual capture. Never captures.</summary>
    Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// A PaymentIntent as it stands, with its client secret (for the traveler's browser to confirm it on-session;
    /// never log it).
    /// </summary>
    Task<PaymentIntentState> GetPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken);

    /// <summary>
    /// The PaymentIntents created for a booking attempt (by their <c>attempt_id</c> metadata), newest first: how a hold
    /// whose id was never recorded (the worker died between Stripe's answer and our write) is found again. Stripe's search
    /// index can lag creation by about a minute, so an empty answer proves nothing about a recent attempt.
    /// </summary>
    Task<IReadOnlyList<PaymentIntentState>> FindPaymentIntentsByAttemptAsync(Guid attemptId, CancellationToken cancellationToken);

    Task CaptureAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken);

    Task CancelAuthorizationAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Refunds a captured payment, in full when <paramref name="amount"/> is null. Only for money already
    /// captured; an uncaptured hold is released with <see cref="CancelAuthorizationAsync"/> instead.
    /// </summary>
    Task<RefundResult> RefundAsync(string paymentIntentId, Money.Money? amount, string idempotencyKey, CancellationToken cancellationToken);
}

public sealed record AuthorizationRequest(
    Money.Money Amount, string CustomerId, string PaymentMethodId, Guid TripId, Guid AttemptId);

public enum AuthorizationStatus
{
    Authorized,
    Declined,
    AuthenticationRequired,

    /// <summary>
    /// The PaymentIntent exists but does not hold the money as a manual capture must (e.g. <c>processing</c>, or
    /// <c>requires_action</c> with no on-session flow): it may still come to hold it, so it is cancelled.
    /// </summary>
    NotHeld,
}

/// <summary>
/// A PaymentIntent's status in the provider's words (<c>requires_capture</c> = held), its client secret, and its card:
/// the intent's payment method, or after a failed off-session attempt the one of its last error (Stripe's recovery
/// flow confirms on-session with that card again).
/// </summary>
public sealed record PaymentIntentState(string Id, string Status, string? ClientSecret, string? PaymentMethodId = null)
{
    /// <summary>The money is held and can be captured.</summary>
    public bool IsHeld => Status == "requires_capture";
}

public sealed record AuthorizationResult(AuthorizationStatus Status, string? PaymentIntentId, string? DeclineCode);
