namespace AutoBooking.Infrastructure.Postgres;

/// <summary>What an erasure removed; null from the repository when a booking started meanwhile (nothing changed).</summary>
public sealed record ErasureResult(int TripsAnonymised, int TravelersDeleted, int PaymentMethodsDeleted);
