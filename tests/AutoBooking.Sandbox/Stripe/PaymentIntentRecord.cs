using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>A PaymentIntent and its life (requires_capture → succeeded or canceled). Changed only under the Stripe lock.</summary>
internal sealed class PaymentIntentRecord
{
    public required string Id { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string CaptureMethod { get; init; }

    public required string? Customer { get; init; }

    public required string? PaymentMethod { get; set; }

    public required string? Description { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required string ClientSecret { get; init; }

    public required string Status { get; set; }

    public string? LatestCharge { get; set; }

    public long AmountCapturable { get; set; }

    public long AmountReceived { get; set; }

    public long AmountRefunded { get; set; }

    public int CaptureCount { get; set; }

    public string? CancellationReason { get; set; }

    public DateTimeOffset? CanceledAt { get; set; }

    public JsonObject? LastPaymentError { get; set; }

    /// <summary>Where Stripe.js (the sandbox's stand-in) sends the cardholder's 3-D Secure answer while in requires_action.</summary>
    public string? AuthenticationUrl { get; set; }

    public JsonObject ToJson()
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in Metadata)
        {
            metadata[key] = value;
        }
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "payment_intent",
            ["amount"] = Amount,
            ["amount_capturable"] = AmountCapturable,
            ["amount_received"] = AmountReceived,
            ["canceled_at"] = CanceledAt?.ToUnixTimeSeconds(),
            ["cancellation_reason"] = CancellationReason,
            ["capture_method"] = CaptureMethod,
            ["client_secret"] = ClientSecret,
            ["confirmation_method"] = "automatic",
            ["created"] = Created.ToUnixTimeSeconds(),
            ["currency"] = Currency,
            ["customer"] = Customer,
            ["description"] = Description,
            ["last_payment_error"] = LastPaymentError?.DeepClone(),
            ["latest_charge"] = LatestCharge,
            ["livemode"] = false,
            ["metadata"] = metadata,
            ["next_action"] = Status == "requires_action" ? StripeNextAction.ThreeDSecure(AuthenticationUrl) : null,
            ["payment_method"] = PaymentMethod,
            ["payment_method_types"] = new JsonArray("card"),
            ["receipt_email"] = null,
            ["setup_future_usage"] = null,
            ["statement_descriptor"] = null,
            ["status"] = Status,
        };
    }

    public LedgerPaymentIntent ToLedger() => new(
        Id,
        Amount,
        Currency,
        Status,
        CaptureMethod,
        Customer,
        PaymentMethod,
        AmountCapturable,
        AmountReceived,
        CaptureCount,
        CancellationReason,
        LastPaymentError?["code"]?.GetValue<string>(),
        Metadata,
        Created)
    {
        AmountRefunded = AmountRefunded,
    };
}
