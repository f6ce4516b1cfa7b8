namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A saved card as we keep it: Stripe's id and what a list shows.</summary>
public sealed class PaymentMethodRecord
{
    public Guid Id { get; init; }
    public string OwnerId { get; init; } = "";
    public string StripePaymentMethodId { get; init; } = "";
    public string Brand { get; init; } = "";
    public string Last4 { get; init; } = "";
    public int ExpMonth { get; init; }
    public int ExpYear { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
