namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// What an erasure removed, or (<see cref="StillToClose"/> set, nothing changed) the cards and customer Stripe has to
/// close before the PII may go. Null from the repository when a booking started meanwhile (nothing changed).
/// </summary>
public sealed record ErasureResult(int TripsCancelled, int TripsAnonymised, int TravelersDeleted, int PaymentMethodsDeleted,
    ErasurePreparation? StillToClose = null)
{
    public static ErasureResult Unfinished(ErasurePreparation stillToClose) => new(0, 0, 0, 0, stillToClose);
}
