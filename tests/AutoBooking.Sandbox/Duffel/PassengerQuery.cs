namespace AutoBooking.Sandbox.Duffel;

/// <summary>A passenger of an offer request: a type ("adult") or an age, never both needed.</summary>
internal sealed record PassengerQuery(string Id, string? Type, int? Age);
