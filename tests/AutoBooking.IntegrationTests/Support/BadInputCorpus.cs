using System.Text;
using System.Text.Json.Nodes;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Generated bad requests for <c>POST /api/trips</c>: each takes the valid body and breaks one thing (a missing
/// or null required field, a wrong type, a hostile or absurd value, a server-owned field), plus raw byte-level
/// garbage. None of them may be stored.
/// </summary>
public static class BadInputCorpus
{
    private static readonly string[] RequiredPaths =
    [
        "origin", "destination", "departureDate", "maxPrice", "maxPrice.amount", "maxPrice.currency", "traveler",
        "traveler.title", "traveler.givenName", "traveler.familyName", "traveler.bornOn", "traveler.gender",
        "traveler.email", "traveler.phone", "paymentMethod", "paymentMethod.stripeCustomerId", "paymentMethod.stripePaymentMethodId",
        "autoBookConsent", "autoBookConsent.termsVersion", "returnStay.minNights", "returnStay.maxNights",
    ];

    private static readonly (string Path, JsonNode? Value, string Why)[] BadValues =
    [
        ("origin", "lhr", "lowercase IATA"), ("origin", "LH", "two letters"), ("origin", "LHRX", "four letters"),
        ("origin", "123", "digits"), ("origin", "ŁHR", "non-ASCII letter"), ("origin", "", "empty"), ("origin", " LHR", "padded"),
        ("origin", "' OR 1=1 --", "SQL"), ("destination", "LHR", "same as origin"), ("destination", "<b>X</b>", "markup"),
        ("departureDate", "2020-01-01", "past"), ("departureDate", "2099-01-01", "too far ahead"), ("departureDate", "2026-02-30", "no such day"),
        ("departureDate", "tomorrow", "words"), ("departureDate", "", "empty date"), ("departureDate", 20261210, "number date"),
        ("cabin", "luxury", "unknown cabin"), ("cabin", "ECONOMY", "wrong case cabin"), ("cabin", 1, "number cabin"),
        ("maxConnections", -1, "negative connections"), ("maxConnections", 99, "absurd connections"), ("maxConnections", 1.5, "fractional connections"),
        ("maxConnections", "1", "string connections"), ("maxConnections", true, "bool connections"),
        ("maxPrice.amount", -1, "negative price"), ("maxPrice.amount", 0, "zero price"), ("maxPrice.amount", 1e12, "absurd price"),
        ("maxPrice.amount", 100.001, "sub-cent price"), ("maxPrice.amount", "500", "string price"), ("maxPrice.amount", "NaN", "NaN price"),
        ("maxPrice.amount", new JsonArray(1, 2), "array price"), ("maxPrice.currency", "gbp", "lowercase currency"),
        ("maxPrice.currency", "GB", "two-letter currency"), ("maxPrice.currency", "€", "symbol currency"), ("maxPrice.currency", 826, "numeric currency"),
        ("traveler.title", "king", "unknown title"), ("traveler.title", "", "empty title"), ("traveler.givenName", "", "empty name"),
        ("traveler.givenName", "   ", "blank name"), ("traveler.givenName", new string('A', 51), "long name"),
        ("traveler.givenName", "<script>alert(1)</script>", "script name"), ("traveler.givenName", "Robert'); DROP TABLE trip_requests;--", "SQL name"),
        ("traveler.givenName", "Ada\u0000", "NUL in name"), ("traveler.givenName", "Ada\u202E", "bidi override in name"),
        ("traveler.givenName", "😀", "emoji name"), ("traveler.givenName", "1234", "digit name"), ("traveler.familyName", "../../etc/passwd", "path name"),
        ("traveler.familyName", new JsonObject(), "object name"), ("traveler.bornOn", "2999-01-01", "born in the future"),
        ("traveler.bornOn", "1850-01-01", "born too long ago"), ("traveler.bornOn", "2020-01-01", "a child"), ("traveler.gender", "x", "unknown gender"),
        ("traveler.gender", "F", "wrong case gender"), ("traveler.email", "ada", "email without at"), ("traveler.email", "ada@", "email without domain"),
        ("traveler.email", "ada@example", "email without dot"), ("traveler.email", "<ada@example.com>", "email in brackets"),
        ("traveler.email", new string('a', 250) + "@example.com", "long email"), ("traveler.phone", "02080160508", "phone without plus"),
        ("traveler.phone", "+44 20 8016 0508", "phone with spaces"), ("traveler.phone", "+0123456789", "phone starting 0"),
        ("traveler.phone", "+1234567890123456", "phone too long"), ("traveler.phone", 442080160508, "number phone"),
        ("paymentMethod.stripeCustomerId", "cust_1", "wrong customer prefix"), ("paymentMethod.stripeCustomerId", "cus_", "empty customer id"),
        ("paymentMethod.stripeCustomerId", "cus_a b", "customer id with space"), ("paymentMethod.stripePaymentMethodId", "card_1", "wrong pm prefix"),
        ("paymentMethod.stripePaymentMethodId", "pm_" + new string('x', 200), "long pm id"), ("paymentMethod.stripePaymentMethodId", "pm_;drop", "pm id with punctuation"),
        ("status", "booked", "server-owned status"), ("ownerId", "user-grace", "server-owned owner"), ("id", Guid.Empty.ToString(), "server-owned id"),
        ("booking", new JsonObject(), "server-owned booking"), ("amountPaid", 1, "server-owned amount"), ("traveler.passport", "123", "unknown traveler field"),
        ("maxPrice.minor", 1, "unknown money field"), ("paymentMethod.card", "4242424242424242", "card number"),
        ("travelerId", Guid.NewGuid().ToString(), "both traveler and travelerId"), ("paymentMethodId", Guid.NewGuid().ToString(), "both card forms"),
        ("travelerId", "not-a-guid", "malformed travelerId"), ("autoBookConsent.termsVersion", "", "empty terms version"),
        ("autoBookConsent.termsVersion", "<v1>", "markup terms version"), ("autoBookConsent.accepted", true, "unknown consent field"),
        ("includedAirlines", new JsonArray("ba"), "lowercase airline"), ("excludedAirlines", new JsonArray("BAW"), "three-letter airline"),
        ("excludedAirlines", new JsonArray("BA", "BA"), "duplicate airline"), ("includedAirlines", "BA", "airline not a list"),
        ("maxDurationMinutes", 10, "too short a journey"), ("maxDurationMinutes", 100000, "absurd journey"), ("checkedBags", -1, "negative bags"),
        ("checkedBags", 9, "absurd bags"), ("expiresAt", "2020-01-01T00:00:00Z", "expired already"), ("expiresAt", "2099-01-01T00:00:00Z", "expires after departure"),
        ("additionalOrigins", new JsonArray("lgw"), "lowercase alternative origin"), ("additionalOrigins", new JsonArray("LHR"), "alternative repeats the origin"),
        ("additionalOrigins", new JsonArray("LGW", "LGW"), "duplicate alternative origin"),
        ("additionalOrigins", new JsonArray("LGW", "STN", "LTN", "LCY"), "too many alternative origins"),
        ("additionalDestinations", "EWR", "alternatives not a list"), ("additionalDestinations", new JsonArray("JFK"), "alternative repeats the destination"),
        ("additionalDestinations", new JsonArray((JsonNode?)null), "null alternative destination"),
        ("latestDepartureDate", "2020-01-01", "window ends before it starts"),
        ("latestDepartureDate", TripBodies.DepartureDate.AddDays(15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "window too wide"),
        ("latestDepartureDate", "next week", "words window"),
        ("preferredAirlines", new JsonArray("vs"), "lowercase preferred airline"), ("preferredAirlines", new JsonArray("VS", "VS"), "duplicate preferred airline"),
        ("preferredAirlines", "VS", "preferred airline not a list"),
        ("returnStay.minNights", 0, "zero-night stay"), ("returnStay.maxNights", 61, "stay over 60 nights"),
        ("returnStay.minNights", 10, "stay minimum above its maximum"), ("returnStay.maxNights", "7", "string stay"),
        ("returnStay.nights", 7, "unknown stay field"), ("returnStay", 7, "stay not an object"),
        ("companions", new JsonArray(new JsonObject { ["title"] = "ms" }), "companion missing names"),
        ("companions", new JsonArray(Enumerable.Range(0, 9).Select(_ => JsonNode.Parse(Companion("2015-05-05"))).ToArray()), "ten travelers"),
        ("companions", new JsonArray(JsonNode.Parse(Companion(Infant(0))), JsonNode.Parse(Companion(Infant(1)))), "two infants, one adult"),
        ("companions", new JsonArray(JsonNode.Parse(Companion("2999-01-01"))), "companion born in the future"),
        ("companions", JsonNode.Parse(Companion("2015-05-05")), "companions not a list"),
        ("companionIds", new JsonArray(Guid.NewGuid().ToString()), "someone else's or missing companion profile"),
        ("companionIds", new JsonArray("not-a-guid"), "malformed companion id"),
        // Issue 10: whole values only, no control or format characters, money that exists.
        ("origin", "LHR\n", "IATA with a trailing newline"), ("destination", "JFK\r\n", "IATA with a trailing CRLF"),
        ("maxPrice.currency", "GBP\n", "currency with a trailing newline"), ("maxPrice.currency", "XXX", "no-currency code"),
        ("maxPrice.currency", "ZZZ", "made-up currency"), ("maxPrice.currency", "XAU", "gold is not money here"),
        ("maxPrice", new JsonObject { ["amount"] = 100.5m, ["currency"] = "JPY" }, "yen with decimals"),
        ("maxPrice", new JsonObject { ["amount"] = 10.0005m, ["currency"] = "KWD" }, "dinar below its fils"),
        ("includedAirlines", new JsonArray("BA\n"), "airline with a trailing newline"), ("preferredAirlines", new JsonArray("11"), "two-digit airline"),
        ("additionalOrigins", new JsonArray("LGW\n"), "alternative origin with a newline"),
        ("autoBookConsent.termsVersion", "2026-11\n", "terms version with a trailing newline"),
        ("paymentMethod.stripeCustomerId", "cus_Test123\n", "customer id with a trailing newline"),
        ("paymentMethod.stripePaymentMethodId", "pm_card_visa\n", "payment method id with a trailing newline"),
        ("traveler.phone", "+442080160508\n", "phone with a trailing newline"), ("traveler.phone", "+4412345", "phone too short"),
        ("traveler.phone", "+44\u0662\u0660\u0668\u0660\u0661\u0666\u0660\u0665\u0660\u0668", "phone in Arabic-Indic digits"),
        ("traveler.email", "ada@example.com\u0000", "NUL in email"), ("traveler.email", "ada\u202E@example.com", "bidi override in email"),
        ("traveler.email", "ada@example.com\n", "email with a trailing newline"), ("traveler.email", "Ada <ada@example.com>", "email with a display name"),
        ("traveler.givenName", "Z" + new string('\u0301', 40), "letter under forty combining marks"),
        ("traveler.givenName", "Ada\n", "name with a trailing newline"), ("traveler.familyName", "Love\u200Blace", "zero-width space in name"),
        ("traveler.familyName", "Лавлейс", "Cyrillic name"), ("traveler.givenName", "Ada\u2028", "line separator in name"),
        ("traveler.document", new JsonObject { ["type"] = "passport", ["number"] = "123456789\n", ["issuingCountry"] = "GB", ["expiresOn"] = "2030-01-01" }, "document number with a newline"),
        ("traveler.document", new JsonObject { ["type"] = "passport", ["number"] = "123456789", ["issuingCountry"] = "GB\n", ["expiresOn"] = "2030-01-01" }, "issuing country with a newline"),
        ("traveler.document", new JsonObject { ["type"] = "passport", ["number"] = "123456789", ["issuingCountry"] = "XX", ["expiresOn"] = "2030-01-01" }, "no such issuing country"),
    ];

    private static string Companion(string bornOn) =>
        "{\"title\": \"miss\", \"givenName\": \"Lucy\", \"familyName\": \"Lovelace\", \"bornOn\": \"" + bornOn
        + "\", \"gender\": \"f\", \"email\": \"ada.lovelace@example.com\", \"phone\": \"+442080160508\"}";

    private static string Infant(int monthsOld) =>
        DateTime.UtcNow.AddMonths(-monthsOld - 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<(string Why, byte[] Body, string ContentType)> All()
    {
        foreach (var path in RequiredPaths)
        {
            yield return ($"missing {path}", Mutate(path, null, remove: true), "application/json");
            yield return ($"null {path}", Mutate(path, null, remove: false), "application/json");
        }
        foreach (var (path, value, why) in BadValues)
        {
            yield return (why, Mutate(path, value, remove: false), "application/json");
        }
        yield return ("invalid UTF-8", Concat("{\"origin\":\""u8.ToArray(), [0xFF, 0xFE, 0xC3], "\"}"u8.ToArray()), "application/json");
        yield return ("lone surrogate escape", Encoding.UTF8.GetBytes(TripBodies.Valid().Replace("\"Ada\"", "\"\\ud800\"", StringComparison.Ordinal)), "application/json");
        yield return ("empty body", [], "application/json");
        yield return ("whitespace body", "   \n"u8.ToArray(), "application/json");
        yield return ("string body", "\"trip\""u8.ToArray(), "application/json");
        yield return ("number body", "42"u8.ToArray(), "application/json");
        yield return ("truncated", Encoding.UTF8.GetBytes(TripBodies.Valid()[..40]), "application/json");
        yield return ("trailing comma", Encoding.UTF8.GetBytes(TripBodies.Valid().TrimEnd().TrimEnd('}') + ",}"), "application/json");
        yield return ("trailing garbage", Encoding.UTF8.GetBytes(TripBodies.Valid() + "garbage"), "application/json");
        yield return ("single quotes", Encoding.UTF8.GetBytes(TripBodies.Valid().Replace('"', '\'')), "application/json");
        yield return ("deep nesting", Encoding.UTF8.GetBytes(new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", 200)) + new string('}', 201)), "application/json");
        yield return ("1 MB body", Encoding.UTF8.GetBytes("{\"origin\":\"" + new string('A', 1_000_000) + "\"}"), "application/json");
        yield return ("form content type", Encoding.UTF8.GetBytes("origin=LHR&destination=JFK"), "application/x-www-form-urlencoded");
        yield return ("xml content type", Encoding.UTF8.GetBytes("<trip/>"), "application/xml");
        yield return ("no content type", Encoding.UTF8.GetBytes(TripBodies.Valid()), "");
        yield return ("jsonx is not json", Encoding.UTF8.GetBytes(TripBodies.Valid()), "application/jsonx");
        yield return ("json-seq is not json", Encoding.UTF8.GetBytes(TripBodies.Valid()), "application/json-seq");
        yield return ("latin-1 json", Encoding.UTF8.GetBytes(TripBodies.Valid()), "application/json; charset=iso-8859-1");
        yield return ("json with an odd parameter", Encoding.UTF8.GetBytes(TripBodies.Valid()), "application/json; boundary=x");
        yield return ("text/json", Encoding.UTF8.GetBytes(TripBodies.Valid()), "text/json");
        yield return ("unparseable content type", Encoding.UTF8.GetBytes(TripBodies.Valid()), "application/json;;;=");
        yield return ("duplicate amount", Encoding.UTF8.GetBytes(TripBodies.Valid().Replace("\"amount\": 500,", "\"amount\": 1, \"amount\": 500,", StringComparison.Ordinal)), "application/json");
        yield return ("duplicate top-level field", Encoding.UTF8.GetBytes(TripBodies.Valid().Replace("\"cabin\": \"economy\",", "\"cabin\": \"first\", \"cabin\": \"economy\",", StringComparison.Ordinal)), "application/json");
        yield return ("array body", "[1,2,3]"u8.ToArray(), "application/json");
        yield return ("null body", "null"u8.ToArray(), "application/json");
    }

    private static byte[] Mutate(string path, JsonNode? value, bool remove)
    {
        var root = JsonNode.Parse(TripBodies.Valid())!.AsObject();
        if (path.StartsWith("returnStay.", StringComparison.Ordinal))
        {
            root["returnStay"] = new JsonObject { ["minNights"] = 3, ["maxNights"] = 7 };
        }
        var segments = path.Split('.');
        var parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = parent[segment]!.AsObject();
        }
        if (remove)
        {
            parent.Remove(segments[^1]);
        }
        else
        {
            parent[segments[^1]] = value?.DeepClone();
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
