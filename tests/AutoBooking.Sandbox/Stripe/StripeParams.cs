using System.Globalization;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// A Stripe request's parameters: form-encoded with bracket notation (<c>metadata[trip_id]=...</c>,
/// <c>expand[0]=...</c>) on POST, the query string on GET. Kept flat, as Stripe's idempotency check compares
/// them.
/// </summary>
internal sealed class StripeParams
{
    private readonly SortedDictionary<string, string> values;

    private StripeParams(SortedDictionary<string, string> values) => this.values = values;

    public static async Task<StripeParams> ReadAsync(HttpRequest request)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }
        }
        return new StripeParams(values);
    }

    /// <summary>All parameters in a stable order, for comparing a replay with the original request.</summary>
    public string Fingerprint => string.Join("&", values.Select(kv => kv.Key + "=" + kv.Value));

    public string? String(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>Stripe booleans: "true"/"false".</summary>
    public bool? Bool(string name) => String(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        _ => null,
    };

    public long? Long(string name) =>
        long.TryParse(String(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A hash parameter such as <c>metadata[key]=value</c>, as a dictionary.</summary>
    public Dictionary<string, string> Hash(string name)
    {
        var prefix = name + "[";
        return values
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key.EndsWith(']'))
            .ToDictionary(kv => kv.Key[prefix.Length..^1], kv => kv.Value, StringComparer.Ordinal);
    }
}
