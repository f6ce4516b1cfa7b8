namespace AutoBooking.Core.Trips;

/// <summary>A passenger's identity as the airline needs it. PII: encrypted at rest, never logged.</summary>
public sealed record Traveler(
    string Title, string GivenName, string FamilyName, DateOnly BornOn, string Gender, string Email, string Phone,
    IdentityDocument? Document = null)
{
    /// <summary>What offer selection may know of the document: its type and expiry, never its number.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Offers.TravelDocument? DocumentFacts => Document is { } document ? new Offers.TravelDocument(document.Type, document.ExpiresOn) : null;
}
