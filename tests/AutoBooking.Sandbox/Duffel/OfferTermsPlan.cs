using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// How one carrier's offers are sold, varied the way real Duffel offers vary (its API reference, offer schema):
/// identity documents required on international routes by some airlines, allowed-but-optional or not allowed at all on
/// others; fares that can be held (<c>requires_instant_payment: false</c>) with a payment deadline and a shorter price
/// guarantee; refund and change conditions that are allowed with a penalty, allowed free, not allowed, or unknown (null),
/// some penalties in the airline's own currency rather than the fare's.
/// </summary>
internal sealed record OfferTermsPlan(
    bool DocumentsOnInternational,
    bool DocumentsAllowedOnDomestic,
    bool Holdable,
    ConditionPlan? Refund,
    ConditionPlan? Change)
{
    /// <summary>How long a hold keeps the seats, and how long its price is guaranteed (Duffel: typically hours to days).</summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromHours(72);

    public static readonly TimeSpan PriceGuaranteedFor = TimeSpan.FromHours(24);

    public IReadOnlyList<string> AllowedDocumentTypes(bool international) =>
        international || DocumentsAllowedOnDomestic ? ["passport"] : [];

    public bool DocumentsRequired(bool international) => international && DocumentsOnInternational;

    public JsonObject Conditions(string fareCurrency) => new()
    {
        ["refund_before_departure"] = Refund?.ToJson(fareCurrency),
        ["change_before_departure"] = Change?.ToJson(fareCurrency),
    };
}

/// <summary>One condition: allowed or not, and the penalty when allowed (in <see cref="Currency"/>, or the fare's when null).</summary>
internal sealed record ConditionPlan(bool Allowed, decimal? Penalty, string? Currency = null)
{
    public JsonObject ToJson(string fareCurrency) => new()
    {
        ["allowed"] = Allowed,
        ["penalty_amount"] = Allowed && Penalty is { } amount ? Wire.Amount(amount) : null,
        ["penalty_currency"] = Allowed && Penalty is not null ? Currency ?? fareCurrency : null,
    };
}
