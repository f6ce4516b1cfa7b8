namespace AutoBooking.Sandbox;

/// <summary>
/// A traveler named on a Duffel order: <see cref="Type"/> is adult, child or infant_without_seat;
/// <see cref="InfantPassengerId"/>, on an adult, is the passenger id of the infant on their lap; <see cref="Document"/>:
/// the identity document the order carried for them, if any.
/// </summary>
public sealed record LedgerPassenger(string Id, string GivenName, string FamilyName, string? Email, string Type, string? InfantPassengerId,
    LedgerIdentityDocument? Document = null);
