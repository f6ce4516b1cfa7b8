namespace AutoBooking.Sandbox;

/// <summary>The identity document an order carried for a passenger, as Duffel received it (<c>identity_documents[0]</c>).</summary>
public sealed record LedgerIdentityDocument(string Type, string UniqueIdentifier, string IssuingCountryCode, string ExpiresOn);
