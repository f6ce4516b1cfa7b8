using System.Security.Cryptography;
using System.Text;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Account;

/// <summary>
/// Erasure on request (<c>DELETE /api/me</c>), under the owner's lock (<see cref="OwnerLock"/>) that every create,
/// card save and resume of the user takes too. In-flight bookings settle first: while an attempt is not succeeded or
/// failed, nothing changes and the caller is told to retry. Otherwise one transaction cancels the active trips, marks the
/// erasure under way (the user's creates are refused from then on: nothing can become active or be saved behind its back)
/// and lists the cards and the Stripe customer; outside any transaction the customer's open SetupIntents are cancelled
/// and every card is detached; a second transaction checks nothing new appeared (else Stripe closes that too and it
/// checks again) and removes the PII, the user id and the mark. When Stripe cannot be reached the caller is told to retry:
/// the PII stays until Stripe's side is done, and a retry, each step being idempotent, finishes the job.
/// </summary>
public sealed partial class PersonalDataEraser(
    PersonalDataRepository repository, IPaymentMethodVault vault, TimeProvider clock, ILogger<PersonalDataEraser> logger)
{
    /// <summary>Rounds of "close at Stripe, then erase" before giving up for now (only a lease run out lets a card in).</summary>
    private const int MaxPasses = 3;

    /// <summary>What was erased, or why nothing was (a booking in flight, Stripe unreachable): both are worth a retry.</summary>
    public async Task<ErasureOutcome> EraseAsync(string ownerId, string correlationId, CancellationToken cancellationToken)
    {
        var preparation = await repository.PrepareErasureAsync(ownerId, clock.GetUtcNow(), correlationId, cancellationToken);
        if (preparation.BookingInFlight)
        {
            LogDeferred(logger, correlationId);
            return ErasureOutcome.BookingInFlight;
        }
        var detached = new HashSet<string>(StringComparer.Ordinal);
        string? closedCustomer = null;
        var toClose = preparation;
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            try
            {
                closedCustomer = await CloseAtStripeAsync(toClose, closedCustomer, detached, cancellationToken);
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
            var erased = await repository.EraseAsync(ownerId, "erased:" + Guid.CreateVersion7(now), detached, closedCustomer, now, correlationId,
                cancellationToken);
            if (erased is null)
            {
                LogDeferred(logger, correlationId);
                return ErasureOutcome.BookingInFlight;
            }
            if (erased.StillToClose is { } more)
            {
                toClose = more;
                continue;
            }
            var cancelled = preparation.TripsCancelled + erased.TripsCancelled;
            LogErased(logger, cancelled, erased.TripsAnonymised, erased.TravelersDeleted, detached.Count, correlationId);
            return new ErasureOutcome(new ErasureSummary(now, cancelled, erased.TripsAnonymised, erased.TravelersDeleted, detached.Count),
                ErasureRefusal.None);
        }
        // Cards kept arriving at Stripe faster than we closed them: the mark stays, the caller retries.
        LogStripeUnavailable(logger, "CardsStillArriving", correlationId);
        return ErasureOutcome.ProviderUnavailable;
    }

    /// <summary>
    /// Cancels the customer's open SetupIntents (no setup can finish later) and detaches every card: those listed, and
    /// those saved at Stripe that we never recorded (a setup finishing as we erase). Returns the customer now closed.
    /// </summary>
    private async Task<string?> CloseAtStripeAsync(ErasurePreparation toClose, string? closedCustomer, HashSet<string> detached,
        CancellationToken cancellationToken)
    {
        var cards = toClose.PaymentMethodIds.ToList();
        if (toClose.StripeCustomerId is { } customer && customer != closedCustomer)
        {
            cards.AddRange(await vault.CloseCustomerAsync(customer, "erase/" + Hash(customer), cancellationToken));
            closedCustomer = customer;
        }
        foreach (var paymentMethodId in cards.Where(card => !detached.Contains(card)).Distinct(StringComparer.Ordinal).ToList())
        {
            await vault.DetachAsync(paymentMethodId, "erase/" + Hash(paymentMethodId), cancellationToken);
            detached.Add(paymentMethodId);
        }
        return closedCustomer;
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasure deferred: Stripe could not close the customer or detach a card ({Failure}); the caller retries ({CorrelationId})")]
    private static partial void LogStripeUnavailable(ILogger logger, string failure, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure deferred: a booking is in flight ({CorrelationId})")]
    private static partial void LogDeferred(ILogger logger, string correlationId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Erased a user's personal data: {TripsCancelled} trips cancelled, {TripsAnonymised} trips anonymised, {Travelers} saved travelers deleted, {Cards} cards detached ({CorrelationId})")]
    private static partial void LogErased(ILogger logger, int tripsCancelled, int tripsAnonymised, int travelers, int cards, string correlationId);
}
