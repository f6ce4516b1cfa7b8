namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A stored offer. The raw provider payload stays in the table for support and is not loaded here.</summary>
public sealed class OfferRecord
{
    public Guid Id { get; init; }
    public Guid TripId { get; init; }
    public string ProviderOfferId { get; init; } = "";
    public decimal TotalAmount { get; init; }
    public string Currency { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; }
    public int MaxStops { get; init; }
    public int DurationMinutes { get; init; }
    public string[] Carriers { get; init; } = [];
    public string[] PassengerIds { get; init; } = [];

    /// <summary>adult, child or infant_without_seat for each of <see cref="PassengerIds"/> (empty for offers stored before types were).</summary>
    public string[] PassengerTypes { get; init; } = [];

    public Core.Money.Money Total => new(TotalAmount, Currency);
}
