namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A confirmed booking row.</summary>
public sealed class BookingRecord
{
    public Guid Id { get; init; }
    public Guid TripId { get; init; }
    public Guid AttemptId { get; init; }
    public string ProviderOrderId { get; init; } = "";
    public string BookingReference { get; init; } = "";
    public string[] TicketNumbers { get; init; } = [];
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The booked offer's terms (offers.terms), when the query brought them: the trip view's fare facts.</summary>
    public string? OfferTerms { get; init; }
}
