namespace AutoBooking.Sandbox.Duffel;

/// <summary>A total price in major units (e.g. 432.10 GBP).</summary>
internal sealed record FareQuote(decimal Amount, string Currency);
