namespace AutoBooking.Functions.Account;

/// <summary>The answer to <c>DELETE /api/me</c>: what was erased. Booking attempts and bookings are kept (accounting).</summary>
public sealed record ErasureSummary(DateTimeOffset ErasedAt, int TripsCancelled, int TripsAnonymised, int SavedTravelersDeleted, int CardsDetached);
