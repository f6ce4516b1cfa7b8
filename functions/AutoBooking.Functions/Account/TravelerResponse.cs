namespace AutoBooking.Functions.Account;

/// <summary>
/// A traveler profile as its owner sees it. The identity document number is masked: the owner typed it once,
/// we never need to show it back in full.
/// </summary>
public sealed record TravelerResponse(
    Guid Id, string Title, string GivenName, string FamilyName, DateOnly BornOn, string Gender, string Email, string Phone,
    IdentityDocumentResponse? Document, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record IdentityDocumentResponse(string Type, string NumberMasked, string IssuingCountry, DateOnly ExpiresOn);
