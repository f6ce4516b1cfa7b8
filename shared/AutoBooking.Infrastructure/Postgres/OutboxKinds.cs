using AutoBooking.Core.Booking;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Database names of <see cref="OutboxKind"/>, and each event's dedupe key (also the email's Resend idempotency key).</summary>
public static class OutboxKinds
{
    public static string ToDb(this OutboxKind kind) => kind switch
    {
        OutboxKind.BookingConfirmed => "booking_confirmed",
        OutboxKind.BookingFailed => "booking_failed",
        OutboxKind.AttemptUnderReview => "attempt_under_review",
        OutboxKind.PaymentActionRequired => "payment_action_required",
        OutboxKind.ScheduleChange => "schedule_change",
        OutboxKind.ApprovalRequested => "approval_requested",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static OutboxKind FromDb(string value) => value switch
    {
        "booking_confirmed" => OutboxKind.BookingConfirmed,
        "booking_failed" => OutboxKind.BookingFailed,
        "attempt_under_review" => OutboxKind.AttemptUnderReview,
        "payment_action_required" => OutboxKind.PaymentActionRequired,
        "schedule_change" => OutboxKind.ScheduleChange,
        "approval_requested" => OutboxKind.ApprovalRequested,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>
    /// The email's event in its key. The keys of the emails the saga sent before the outbox are kept
    /// (<c>booking-confirmed/&lt;attempt&gt;</c>, <c>schedule_change/&lt;event&gt;</c>, …), so a row written during a deploy
    /// for an email that already went out within Resend's 24 hours is the same email, not a second.
    /// </summary>
    public static string EmailEvent(this OutboxKind kind) => kind switch
    {
        OutboxKind.BookingConfirmed => "booking-confirmed",
        OutboxKind.BookingFailed => "booking-failed",
        OutboxKind.AttemptUnderReview => "attempt-under-review",
        OutboxKind.PaymentActionRequired => "payment-action-required",
        OutboxKind.ScheduleChange => "schedule_change",
        OutboxKind.ApprovalRequested => "approval-requested",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The dedupe key of an attempt's email: one per attempt and kind.</summary>
    public static string KeyFor(OutboxKind kind, Guid attemptId) => IdempotencyKeys.ForEmail(kind.EmailEvent(), attemptId);

    /// <summary>The dedupe key of an email caused by a provider event: one per event.</summary>
    public static string KeyFor(OutboxKind kind, string providerEventId) => IdempotencyKeys.ForEmail(kind.EmailEvent(), providerEventId);
}
