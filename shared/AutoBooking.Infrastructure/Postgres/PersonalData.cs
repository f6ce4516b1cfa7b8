namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Every row we hold about one user (the data export); trip PII is still encrypted here.</summary>
public sealed class PersonalData
{
    public string? StripeCustomerId { get; init; }

    public IReadOnlyList<TripRecord> Trips { get; init; } = [];

    public IReadOnlyList<TripEventRecord> Events { get; init; } = [];

    public IReadOnlyList<PriceObservationRecord> Prices { get; init; } = [];

    public IReadOnlyList<OfferRecord> Offers { get; init; } = [];

    public IReadOnlyList<AttemptRecord> Attempts { get; init; } = [];

    public IReadOnlyList<BookingRecord> Bookings { get; init; } = [];

    public IReadOnlyList<TravelerRecord> Travelers { get; init; } = [];

    public IReadOnlyList<PaymentMethodRecord> PaymentMethods { get; init; } = [];
}
