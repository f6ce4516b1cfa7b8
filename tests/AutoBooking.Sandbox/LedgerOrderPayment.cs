namespace AutoBooking.Sandbox;

/// <summary>A Duffel payment of a hold order (<c>POST /air/payments</c>), in major units (e.g. 432.10 GBP), from <see cref="Type"/> (balance).</summary>
public sealed record LedgerOrderPayment(string Id, string OrderId, decimal Amount, string Currency, string Type, DateTimeOffset CreatedAt);
