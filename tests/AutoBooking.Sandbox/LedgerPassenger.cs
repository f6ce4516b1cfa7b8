namespace AutoBooking.Sandbox;

/// <summary>A traveller named on a Duffel order.</summary>
public sealed record LedgerPassenger(string Id, string GivenName, string FamilyName, string? Email);
