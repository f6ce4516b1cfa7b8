namespace AutoBooking.Sandbox.Duffel;

/// <summary>A payment of a hold order (<c>POST /air/payments</c>), as Duffel's Payment object describes it.</summary>
internal sealed record PaymentRecord(string Id, OrderRecord Order, FareQuote Amount, string Type, DateTimeOffset CreatedAt)
{
    public LedgerOrderPayment ToLedger() => new(Id, Order.Id, Amount.Amount, Amount.Currency, Type, CreatedAt);
}
