namespace AutoBooking.Core.Ports;

/// <summary>
/// Saved cards (Stripe customers, SetupIntents for off-session use, payment methods). Card data never
/// touches our servers: the frontend confirms the SetupIntent with Stripe directly.
/// </summary>
public interface IPaymentMethodVault
{
    /// <summary>Creates the Stripe customer for one of our users (metadata carries the user id, never PII).</summary>
    Task<string> CreateCustomerAsync(string userId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Starts saving a new card for off-session use; the client secret goes to the frontend.</summary>
    Task<SetupIntentResult> CreateSetupIntentAsync(string customerId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Brand, last4 and expiry of a saved card, or null when Stripe does not know it.</summary>
    Task<CardDetails?> GetCardAsync(string paymentMethodId, CancellationToken cancellationToken);

    /// <summary>Detaches the card from its customer (idempotent: detaching a detached card succeeds).</summary>
    Task DetachAsync(string paymentMethodId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Closes a customer for good (erasure): cancels every SetupIntent of theirs that can still succeed, so no card can be
    /// saved for them afterwards, and returns the cards attached to them at the provider (recorded by us or not), to detach.
    /// </summary>
    Task<IReadOnlyList<string>> CloseCustomerAsync(string customerId, string idempotencyKeyPrefix, CancellationToken cancellationToken);
}

public sealed record SetupIntentResult(string SetupIntentId, string ClientSecret);

public sealed record CardDetails(string PaymentMethodId, string? CustomerId, string Brand, string Last4, int ExpMonth, int ExpYear);
