namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A due trip the sweep claimed, with the token its search message must present.</summary>
public sealed record ClaimedTrip(Guid Id, Guid ClaimToken);
