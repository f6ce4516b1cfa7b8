using Stripe;

namespace AutoBooking.Sandbox.Tests.Support;

/// <summary>Stripe.net pointed at the sandbox, exactly as production configures it apart from the ApiBase.</summary>
public static class StripeClients
{
    public static PaymentIntentService PaymentIntents(SandboxServer sandbox) => new(Client(sandbox));

    public static CustomerService Customers(SandboxServer sandbox) => new(Client(sandbox));

    public static StripeClient Client(SandboxServer sandbox) =>
        new(new StripeClientOptions { ApiKey = "sk_test_sandbox", ApiBase = sandbox.StripeBaseUrl });

    /// <summary>What the booking saga sends to hold the money: manual capture, confirmed off-session.</summary>
    public static PaymentIntentCreateOptions Authorization(long amount = 43210, string paymentMethod = "pm_card_visa") => new()
    {
        Amount = amount,
        Currency = "gbp",
        Customer = "cus_Test123",
        PaymentMethod = paymentMethod,
        CaptureMethod = "manual",
        Confirm = true,
        OffSession = true,
        Metadata = new Dictionary<string, string> { ["trip_id"] = "trip-1", ["attempt_id"] = "attempt-1" },
    };

    public static RequestOptions Key(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };
}
