using AutoBooking.Infrastructure.Postgres;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// An attempt as operators see it: ids, amounts, statuses, provider ids, the age of its hold, failure code. No PII.
/// <see cref="HoldAgeHours"/> counts from the attempt's start (the hold is at most that old).
/// </summary>
public sealed record AttemptFactsResponse(
    Guid AttemptId, Guid TripId, int AttemptNo, string Status, string? FailureCode, decimal Amount, string Currency,
    string? PaymentIntentId, string? ProviderOrderId, string InstanceId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    double HoldAgeHours, DateTimeOffset? HoldEscalatedAt, DateTimeOffset? ReconciledAt, int ReconcilePasses)
{
    public static AttemptFactsResponse From(AttemptRecord attempt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new AttemptFactsResponse(attempt.Id, attempt.TripId, attempt.AttemptNo, attempt.Status, attempt.FailureCode, attempt.Amount,
            attempt.Currency, attempt.PaymentIntentId, attempt.ProviderOrderId, attempt.InstanceId, attempt.CreatedAt, attempt.UpdatedAt,
            Math.Round((now - attempt.CreatedAt).TotalHours, 1), attempt.HoldEscalatedAt, attempt.ReconciledAt, attempt.ReconcilePasses);
    }
}
