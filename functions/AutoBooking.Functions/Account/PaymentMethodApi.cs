using System.Security.Cryptography;
using System.Text;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.Api;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Account;

/// <summary>
/// Saved cards behind the HTTP adapters and the Stripe webhook: a Stripe customer per user, SetupIntents for
/// off-session use, the card recorded when Stripe says the SetupIntent succeeded, removal detaches at Stripe.
/// </summary>
public sealed partial class PaymentMethodApi(
    PaymentMethodRepository paymentMethods, IPaymentMethodVault vault, TimeProvider clock, ILogger<PaymentMethodApi> logger)
{
    /// <summary>Saved cards per user: enough for every real wallet, and a bound on what one account can store.</summary>
    public const int MaxPaymentMethodsPerUser = 10;

    /// <summary>
    /// Starts saving a new card; <paramref name="requestKey"/> makes a retried request the same SetupIntent. Null when the
    /// user has <see cref="MaxPaymentMethodsPerUser"/> cards already (a courtesy check: recording the card decides).
    /// </summary>
    public async Task<SetupIntentResponse?> StartSetupAsync(string ownerId, string requestKey, CancellationToken cancellationToken)
    {
        if (await paymentMethods.CountAsync(ownerId, cancellationToken) >= MaxPaymentMethodsPerUser)
        {
            return null;
        }
        var customerId = await paymentMethods.CustomerOfAsync(ownerId, cancellationToken);
        if (customerId is null)
        {
            // The key is derived from the user, so retries and races create one Stripe customer, not several.
            var created = await vault.CreateCustomerAsync(ownerId, "customer/" + Hash(ownerId), cancellationToken);
            customerId = await paymentMethods.SaveCustomerAsync(ownerId, created, clock.GetUtcNow(), cancellationToken);
        }
        var setup = await vault.CreateSetupIntentAsync(customerId, $"setup/{Hash(ownerId)}/{requestKey}", cancellationToken);
        return new SetupIntentResponse(setup.SetupIntentId, setup.ClientSecret);
    }

    /// <summary>
    /// Stripe reported a succeeded SetupIntent: record its card for the customer's owner. Idempotent. A card for the
    /// customer of a user being erased or erased already is detached at once (no card stays attached to someone who
    /// asked to be forgotten); an unknown customer (another environment's, or not ours) is ignored.
    /// </summary>
    public async Task RecordSetupSucceededAsync(string? customerId, string? paymentMethodId, CancellationToken cancellationToken)
    {
        var ownerId = customerId is null ? null : await paymentMethods.OwnerOfCustomerAsync(customerId, cancellationToken);
        if (customerId is null || paymentMethodId is null || (ownerId is null && !await paymentMethods.IsErasedCustomerAsync(customerId, cancellationToken)))
        {
            LogUnknownCustomer(logger);
            return;
        }
        if (await vault.GetCardAsync(paymentMethodId, cancellationToken) is not { } card || (ownerId is null && card.CustomerId != customerId))
        {
            // Gone, or (an erased customer's) detached already by an earlier delivery: nothing to record or undo.
            return;
        }
        var saved = ownerId is null ? CreateStatus.ErasureInProgress
            : await paymentMethods.TrySaveCardAsync(ownerId, customerId, card, clock.GetUtcNow(), MaxPaymentMethodsPerUser, cancellationToken);
        switch (saved)
        {
            case CreateStatus.LimitReached:
                // Over the limit (setups started before the last card was recorded): the card is not kept at Stripe either,
                // so no card of this user can be charged that they cannot see and remove.
                await vault.DetachAsync(card.PaymentMethodId, $"detach/limit/{card.PaymentMethodId}", cancellationToken);
                LogCardLimit(logger);
                break;
            case CreateStatus.ErasureInProgress:
                // The user is being erased (their erasure listed the customer's cards before this one came) or was erased.
                await vault.DetachAsync(card.PaymentMethodId, $"detach/erased/{card.PaymentMethodId}", cancellationToken);
                LogErasedCustomerCard(logger);
                break;
        }
    }

    public async Task<PageResponse<PaymentMethodResponse>> ListAsync(string ownerId, Paging paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paging);
        var page = await paymentMethods.ListAsync(ownerId, paging.Limit, paging.Cursor, cancellationToken);
        return new PageResponse<PaymentMethodResponse>(
            page.Select(p => new PaymentMethodResponse(p.Id, p.Brand, p.Last4, p.ExpMonth, p.ExpYear, p.CreatedAt)).ToList(),
            page.Count == paging.Limit ? page[^1].Id.ToString() : null);
    }

    /// <summary>Detaches the card at Stripe, then forgets it; false when the owner has no such card.</summary>
    public async Task<bool> RemoveAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        if (await paymentMethods.GetAsync(id, ownerId, cancellationToken) is not { } card)
        {
            return false;
        }
        await vault.DetachAsync(card.StripePaymentMethodId, $"detach/{id:N}", cancellationToken);
        return await paymentMethods.DeleteAsync(id, ownerId, cancellationToken);
    }

    /// <summary>User ids go to Stripe only inside metadata; keys carry a hash of them.</summary>
    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    [LoggerMessage(Level = LogLevel.Warning, Message = "A saved card over the per-user limit was detached at Stripe, not recorded")]
    private static partial void LogCardLimit(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A card saved at Stripe for a user being erased or erased was detached, not recorded")]
    private static partial void LogErasedCustomerCard(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe setup_intent.succeeded for a customer we do not know; ignored")]
    private static partial void LogUnknownCustomer(ILogger logger);
}
