using AutoBooking.Core.Booking;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// One run of the booking saga: a row of <c>booking_attempts</c>, as the saga, the reconciler and operators read it
/// (with its reconciliation state). No PII.
/// </summary>
public sealed record AttemptRecord
{
    public Guid Id { get; init; }
    public Guid TripId { get; init; }
    public int AttemptNo { get; init; }
    public Guid OfferId { get; init; }
    public string InstanceId { get; init; } = "";
    public string Status { get; init; } = "";
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public string? PaymentIntentId { get; init; }
    public string? ProviderOrderId { get; init; }
    public string? FailureCode { get; init; }
    public string CorrelationId { get; init; } = "";
    /// <summary>Until when the traveler may authenticate the payment on-session (only while awaiting authentication).</summary>
    public DateTimeOffset? RespondBy { get; init; }

    /// <summary>When the saga began holding the fare (approval mode): a hold order may exist from then on.</summary>
    public DateTimeOffset? FareHoldRequestedAt { get; init; }

    /// <summary>The hold order's deadline: pay by then or the seats are released.</summary>
    public DateTimeOffset? HoldPaymentRequiredBy { get; init; }

    /// <summary>The hold's price is guaranteed until then (null: not guaranteed).</summary>
    public DateTimeOffset? HoldPriceGuaranteedUntil { get; init; }

    /// <summary>When the hold was paid (tickets issued).</summary>
    public DateTimeOffset? HoldPaidAt { get; init; }

    /// <summary>When the attempt began: no order of it can be older (bounds the order look-up).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The attempt's last move: the reconciler waits until an in-flight attempt has been quiet for a while.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When a reconciliation pass last released its claim on the attempt.</summary>
    public DateTimeOffset? ReconciledAt { get; init; }

    /// <summary>How many reconciliation passes have looked at the attempt.</summary>
    public int ReconcilePasses { get; init; }

    /// <summary>When the reconciler escalated the attempt's unpaid hold (once).</summary>
    public DateTimeOffset? HoldEscalatedAt { get; init; }

    public AttemptStatus AttemptStatus => AttemptStatuses.FromDb(Status);

    public Core.Money.Money Total => new(Amount, Currency);

    /// <summary>The orchestration instance id: derived from the trip, so one trip's attempts are easy to find.</summary>
    public static string InstanceIdFor(Guid tripId, int attemptNo) => $"booking-{tripId:N}-{attemptNo}";
}
