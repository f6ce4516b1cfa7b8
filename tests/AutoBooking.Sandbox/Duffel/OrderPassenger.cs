namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// A traveler as named on an order. <see cref="Type"/> comes from the offer; <see cref="InfantPassengerId"/>, on an
/// adult, is the infant traveling on their lap; <see cref="Document"/>: the identity document sent with them, if any.
/// </summary>
internal sealed record OrderPassenger(
    string Id,
    string? Type,
    string Title,
    string GivenName,
    string FamilyName,
    string BornOn,
    string Gender,
    string Email,
    string PhoneNumber,
    string? InfantPassengerId,
    LedgerIdentityDocument? Document = null);
