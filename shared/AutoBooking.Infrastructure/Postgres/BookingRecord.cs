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

    /// <summary>The booked offer's slices (offers.raw → slices), when the query brought them: the itinerary as booked.</summary>
    public string? OfferSlices { get; init; }

    /// <summary>
    /// What the booking views join to <c>bookings b</c>: the booked offer, read once per booking, giving the columns
    /// <c>booked_offer.offer_terms</c> and <c>booked_offer.offer_slices</c> (null when the offer is no longer kept).
    /// </summary>
    public const string BookedOfferJoin = """
        left join lateral (
            select o.terms::text as offer_terms, (o.raw -> 'slices')::text as offer_slices
            from booking_attempts a join offers o on o.id = a.offer_id where a.id = b.attempt_id) booked_offer on true
        """;
}
