namespace AutoBooking.Infrastructure.Postgres;

/// <summary>One search's best qualifying and best overall price.</summary>
public sealed class PriceObservationRecord
{
    public DateTimeOffset ObservedAt { get; init; }
    public decimal? BestQualifyingAmount { get; init; }
    public decimal? BestOverallAmount { get; init; }
    public string Currency { get; init; } = "";
    public int OfferCount { get; init; }
}
