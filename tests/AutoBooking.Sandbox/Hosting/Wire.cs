using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Hosting;

/// <summary>Formatting every provider shares: invariant-culture amounts, UTC timestamps, JSON replies.</summary>
internal static class Wire
{
    /// <summary>Relaxed escaping keeps "AutoBooking &lt;bookings@...&gt;" readable in the ledger and in replies.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Duffel's money strings: always two decimals, a dot, no grouping ("432.10").</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 UTC to the second: <c>2026-12-01T10:00:00Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An airline's local time, which Duffel writes without an offset: <c>2026-12-10T09:30:00</c>.</summary>
    public static string LocalTime(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 duration as Duffel writes it: <c>PT8H10M</c>, days folded into hours.</summary>
    public static string Duration(TimeSpan duration) => string.Create(CultureInfo.InvariantCulture,
        $"PT{(int)duration.TotalHours}H{duration.Minutes}M");

    public static string Serialize(JsonNode body) => body.ToJsonString(JsonOptions);

    public static IResult Json(JsonNode body, int statusCode) => JsonText(Serialize(body), statusCode);

    public static IResult JsonText(string body, int statusCode) =>
        Results.Content(body, "application/json", Encoding.UTF8, statusCode);
}
