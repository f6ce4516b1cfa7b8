using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// A PaymentMethod. <see cref="TestMethod"/> is the Stripe test method it was made from (pm_card_visa, …), so a
/// card saved through a SetupIntent keeps that card's behaviour when it is charged later. Changed only under
/// the Stripe lock.
/// </summary>
internal sealed class PaymentMethodRecord
{
    public required string Id { get; init; }

    public required string TestMethod { get; init; }

    public required TestCard Card { get; init; }

    public required int ExpMonth { get; init; }

    public required int ExpYear { get; init; }

    public required DateTimeOffset Created { get; init; }

    public string? Customer { get; set; }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "payment_method",
        ["type"] = "card",
        ["billing_details"] = new JsonObject
        {
            ["address"] = null,
            ["email"] = null,
            ["name"] = null,
            ["phone"] = null,
        },
        ["card"] = new JsonObject
        {
            ["brand"] = Card.Brand,
            ["country"] = "US",
            ["exp_month"] = ExpMonth,
            ["exp_year"] = ExpYear,
            ["funding"] = Card.Funding,
            ["last4"] = Card.Last4,
            ["checks"] = new JsonObject { ["cvc_check"] = "pass", ["address_line1_check"] = null, ["address_postal_code_check"] = null },
        },
        ["created"] = Created.ToUnixTimeSeconds(),
        ["customer"] = Customer,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
    };
}
