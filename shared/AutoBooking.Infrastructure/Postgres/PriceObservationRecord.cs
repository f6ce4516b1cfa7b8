namespace AutoBooking.Infrastructure.Postgres;

/// <summary>One search's best qualifying and best overall price.</summary>
public sealed class PriceObservationRecord
{
    /// <summary>Filled by queries across trips (the data export); empty in per-trip reads.</summary>
    public Guid TripId { get; init; }

    public DateTimeOffset ObservedAt { get; init; }
    public decimal? BestQualifyingAmount { get; init; }
    public decimal? BestOverallAmount { get; init; }
    public string Currency { get; init; } = "";
    public int OfferCount { get; init; }
}
