using System.Globalization;
using System.Text.Json;
using AutoBooking.Core.Offers;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Reads an offer's terms as Duffel documents them: <c>passenger_identity_documents_required</c>,
/// <c>allowed_passenger_identity_document_types</c>, offer-level <c>conditions</c> (each condition an object with
/// <c>allowed</c>, <c>penalty_amount</c> and <c>penalty_currency</c>, or null when the airline says nothing),
/// <c>payment_requirements</c>, the carry-on allowance and the day of the last flight. Anything absent reads as
/// the cautious value: documents not allowed, conditions unknown, instant payment.
/// </summary>
internal static class DuffelOfferTerms
{
    public static OfferTerms Read(JsonElement offer, IReadOnlyList<JsonElement> slices)
    {
        var required = offer.TryGetProperty("passenger_identity_documents_required", out var req) && req.ValueKind == JsonValueKind.True;
        var allowed = offer.TryGetProperty("allowed_passenger_identity_document_types", out var types) && types.ValueKind == JsonValueKind.Array
            ? types.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : [];
        return new OfferTerms(required, allowed, LastFlightOn(slices), Conditions(offer), Payment(offer),
            Included(slices, "carry_on"), Included(slices, "checked"));
    }

    public static FareConditions Conditions(JsonElement owner)
    {
        if (!owner.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Object)
        {
            return FareConditions.Unknown;
        }
        return new FareConditions(Condition(conditions, "refund_before_departure"), Condition(conditions, "change_before_departure"));
    }

    private static FareCondition? Condition(JsonElement conditions, string name)
    {
        if (!conditions.TryGetProperty(name, out var condition) || condition.ValueKind != JsonValueKind.Object
            || !condition.TryGetProperty("allowed", out var allowed) || allowed.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return null;
        }
        Core.Money.Money? penalty = condition.TryGetProperty("penalty_amount", out var amount) && amount.ValueKind == JsonValueKind.String
            && decimal.TryParse(amount.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            && condition.TryGetProperty("penalty_currency", out var currency) && currency.ValueKind == JsonValueKind.String
                ? new Core.Money.Money(value, currency.GetString()!)
                : null;
        return new FareCondition(allowed.GetBoolean(), penalty);
    }

    private static PaymentTerms Payment(JsonElement offer)
    {
        if (!offer.TryGetProperty("payment_requirements", out var payment) || payment.ValueKind != JsonValueKind.Object)
        {
            return PaymentTerms.Instant;
        }
        var instant = !payment.TryGetProperty("requires_instant_payment", out var flag) || flag.ValueKind != JsonValueKind.False;
        return new PaymentTerms(instant, Timestamp(payment, "payment_required_by"), Timestamp(payment, "price_guarantee_expires_at"));
    }

    private static DateTimeOffset? Timestamp(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>The local day the last segment of the last slice arrives: documents must be valid until then.</summary>
    private static DateOnly? LastFlightOn(IReadOnlyList<JsonElement> slices)
    {
        DateOnly? last = null;
        foreach (var segment in slices.SelectMany(s => s.TryGetProperty("segments", out var segments) && segments.ValueKind == JsonValueKind.Array
            ? segments.EnumerateArray() : Enumerable.Empty<JsonElement>()))
        {
            var at = segment.TryGetProperty("arriving_at", out var arriving) && arriving.ValueKind == JsonValueKind.String ? arriving.GetString()
                : segment.TryGetProperty("departing_at", out var departing) && departing.ValueKind == JsonValueKind.String ? departing.GetString() : null;
            // Duffel's segment times are local to the airport, without an offset: the date part is the local day.
            if (at is { Length: >= 10 } && DateOnly.TryParseExact(at[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && (last is null || day > last))
            {
                last = day;
            }
        }
        return last;
    }

    /// <summary>
    /// Bags of <paramref name="type"/> (<c>checked</c>, <c>carry_on</c>) the fare includes on every flight for every
    /// passenger: the least over all segments of all slices and all their passengers (a segment without passenger or
    /// baggage details counts as none).
    /// </summary>
    private static int Included(IReadOnlyList<JsonElement> slices, string type)
    {
        var allowances = slices.SelectMany(s => s.GetProperty("segments").EnumerateArray())
            .SelectMany(segment => segment.TryGetProperty("passengers", out var passengers) && passengers.ValueKind == JsonValueKind.Array
                && passengers.GetArrayLength() > 0
                    ? passengers.EnumerateArray().Select(p => Bags(p, type))
                    : [0])
            .ToList();
        return allowances.Count == 0 ? 0 : allowances.Min();
    }

    private static int Bags(JsonElement segmentPassenger, string type) =>
        segmentPassenger.TryGetProperty("baggages", out var baggages) && baggages.ValueKind == JsonValueKind.Array
            ? baggages.EnumerateArray()
                .Where(b => b.TryGetProperty("type", out var t) && t.GetString() == type)
                .Sum(b => b.TryGetProperty("quantity", out var quantity) && quantity.ValueKind == JsonValueKind.Number ? quantity.GetInt32() : 0)
            : 0;
}
