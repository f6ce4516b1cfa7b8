namespace AutoBooking.Sandbox.Duffel;

/// <summary>A traveller as named on an order.</summary>
internal sealed record OrderPassenger(
    string Id,
    string? Type,
    string Title,
    string GivenName,
    string FamilyName,
    string BornOn,
    string Gender,
    string Email,
    string PhoneNumber);
