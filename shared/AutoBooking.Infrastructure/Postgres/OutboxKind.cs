namespace AutoBooking.Infrastructure.Postgres;

/// <summary>What a traveler email in the outbox tells them; one email per kind and event.</summary>
public enum OutboxKind
{
    /// <summary>Booked: itinerary, booking reference, tickets, amount charged.</summary>
    BookingConfirmed,

    /// <summary>An attempt ended without a ticket and the traveler has to act (or was told we were checking).</summary>
    BookingFailed,

    /// <summary>An attempt needs an operator: "we are checking your booking; you will not be charged twice".</summary>
    AttemptUnderReview,

    /// <summary>The card needs the traveler's on-session authentication: the confirm link and the deadline.</summary>
    PaymentActionRequired,

    /// <summary>The airline changed the booking's flights (one per provider event).</summary>
    ScheduleChange,

    /// <summary>Approval mode: a qualifying fare waits for the traveler's answer (and until when it is held, if it is).</summary>
    ApprovalRequested,
}
