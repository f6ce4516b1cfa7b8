namespace AutoBooking.Core.Offers;

/// <summary>
/// How the offer must be paid (Duffel's <c>payment_requirements</c>). An offer that does not require instant payment
/// can be held: ordered now and paid by <see cref="PaymentRequiredBy"/>; its price is guaranteed until
/// <see cref="PriceGuaranteeExpiresAt"/> (null: no guarantee, the price is re-checked when paying).
/// </summary>
public sealed record PaymentTerms(bool RequiresInstantPayment, DateTimeOffset? PaymentRequiredBy, DateTimeOffset? PriceGuaranteeExpiresAt)
{
    public static PaymentTerms Instant { get; } = new(true, null, null);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool CanBeHeld => !RequiresInstantPayment;
}
