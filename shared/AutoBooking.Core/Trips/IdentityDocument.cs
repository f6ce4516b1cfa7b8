namespace AutoBooking.Core.Trips;

/// <summary>A passport or identity card. PII: encrypted at rest, never logged, never emailed.</summary>
public sealed record IdentityDocument(string Type, string Number, string IssuingCountry, DateOnly ExpiresOn);
