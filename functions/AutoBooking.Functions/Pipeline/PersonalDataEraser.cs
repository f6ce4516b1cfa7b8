using System.Security.Cryptography;
using System.Text;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Pipeline;

/// <summary>
/// Erasure on request (<c>DELETE /api/me</c>). In-flight bookings settle first: while an attempt is not
/// succeeded or failed, nothing changes and the caller is told to retry. Otherwise: active trips are cancelled (so
/// no new booking can start), the user's open SetupIntents are cancelled and every card attached at Stripe is detached,
/// then the PII and the user id go in one transaction. Each step is idempotent, so a retry after a failure in between finishes the job: when Stripe cannot be
/// reached (a transient failure), the caller is told to retry (nothing after the failed step happened).
/// </summary>
public sealed partial class PersonalDataEraser(
    PersonalDataRepository repository, IPaymentMethodVault vault, TimeProvider clock, ILogger<PersonalDataEraser> logger)
{
    /// <summary>What was erased, or why nothing was (a booking in flight, Stripe unreachable): both are worth a retry.</summary>
    public async Task<ErasureOutcome> EraseAsync(string ownerId, string correlationId, CancellationToken cancellationToken)
    {
        var preparation = await repository.PrepareErasureAsync(ownerId, clock.GetUtcNow(), correlationId, cancellationToken);
        if (preparation.BookingInFlight)
        {
            LogDeferred(logger, correlationId);
            return ErasureOutcome.BookingInFlight;
        }
        IReadOnlyList<string> cards;
        try
        {
            // Cards saved at Stripe that we never recorded (a setup finishing as we erase) go too; no setup can finish later.
            cards = preparation.StripeCustomerId is { } customer
                ? preparation.PaymentMethodIds.Union(await vault.CloseCustomerAsync(customer, "erase/" + Hash(customer), cancellationToken), StringComparer.Ordinal).ToList()
                : preparation.PaymentMethodIds;
            foreach (var paymentMethodId in cards)
            {
                await vault.DetachAsync(paymentMethodId, "erase/" + Hash(paymentMethodId), cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && Infrastructure.Resilience.FailureClassifier.Classify(ex) == Infrastructure.Resilience.FailureClass.Transient)
        {
            LogStripeUnavailable(logger, ex.GetType().Name, correlationId);
            return ErasureOutcome.ProviderUnavailable;
        }
        var now = clock.GetUtcNow();
        // The trips keep an owner that names nobody: financial records stay attached to something, and no user
        // id (nor a hash an attacker could recompute from it) remains.
        var erased = await repository.EraseAsync(ownerId, "erased:" + Guid.CreateVersion7(now), now, correlationId, cancellationToken);
        if (erased is null)
        {
            LogDeferred(logger, correlationId);
            return ErasureOutcome.BookingInFlight;
        }
        LogErased(logger, preparation.TripsCancelled, erased.TripsAnonymised, erased.TravelersDeleted, cards.Count, correlationId);
        return new ErasureOutcome(new ErasureSummary(now, preparation.TripsCancelled, erased.TripsAnonymised, erased.TravelersDeleted,
            cards.Count), ErasureRefusal.None);
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasure deferred: Stripe could not detach a card ({Failure}); the caller retries ({CorrelationId})")]
    private static partial void LogStripeUnavailable(ILogger logger, string failure, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure deferred: a booking is in flight ({CorrelationId})")]
    private static partial void LogDeferred(ILogger logger, string correlationId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Erased a user's personal data: {TripsCancelled} trips cancelled, {TripsAnonymised} trips anonymised, {Travelers} saved travelers deleted, {Cards} cards detached ({CorrelationId})")]
    private static partial void LogErased(ILogger logger, int tripsCancelled, int tripsAnonymised, int travelers, int cards, string correlationId);
}
