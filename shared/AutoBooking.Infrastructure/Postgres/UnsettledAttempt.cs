namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A booking attempt as the reconciler and operators see it: the saga's record plus its reconciliation state. No PII.</summary>
public sealed record UnsettledAttempt
{
    public Guid Id { get; init; }
    public Guid TripId { get; init; }
    public int AttemptNo { get; init; }
    public string InstanceId { get; init; } = "";
    public string Status { get; init; } = "";
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public string? PaymentIntentId { get; init; }
    public string? ProviderOrderId { get; init; }
    public string? FailureCode { get; init; }
    public string CorrelationId { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ReconciledAt { get; init; }
    public int ReconcilePasses { get; init; }
    public DateTimeOffset? HoldEscalatedAt { get; init; }

    /// <summary>When the saga began holding the fare (approval mode): a hold order may exist from then on.</summary>
    public DateTimeOffset? FareHoldRequestedAt { get; init; }

    /// <summary>The hold order's deadline: pay by then or the seats are released.</summary>
    public DateTimeOffset? HoldPaymentRequiredBy { get; init; }

    /// <summary>The hold's price is guaranteed until then (null: not guaranteed).</summary>
    public DateTimeOffset? HoldPriceGuaranteedUntil { get; init; }

    /// <summary>When the hold was paid (tickets issued).</summary>
    public DateTimeOffset? HoldPaidAt { get; init; }

    public Core.Booking.AttemptStatus AttemptStatus => AttemptStatuses.FromDb(Status);

    public Core.Money.Money Total => new(Amount, Currency);
}
