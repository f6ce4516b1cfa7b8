namespace AutoBooking.Core.Booking;

/// <summary>How a booking saga ended, as the orchestration reports it.</summary>
public sealed record BookingOutcome(BookingOutcomeKind Kind, string? FailureCode, string? BookingReference)
{
    public static BookingOutcome Booked(string bookingReference) => new(BookingOutcomeKind.Booked, null, bookingReference);

    public static BookingOutcome NotBooked(string failureCode) => new(BookingOutcomeKind.NotBooked, failureCode, null);

    public static BookingOutcome NeedsAttention(string failureCode) => new(BookingOutcomeKind.NeedsAttention, failureCode, null);
}

public enum BookingOutcomeKind
{
    /// <summary>Ticketed, paid, recorded.</summary>
    Booked,

    /// <summary>Nothing bought, nothing charged; the trip watches again or waits for the traveler.</summary>
    NotBooked,

    /// <summary>A compensation could not finish; an operator must look (the attempt says what is left).</summary>
    NeedsAttention,
}
