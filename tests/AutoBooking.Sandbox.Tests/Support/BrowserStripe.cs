using System.Text.Json;

namespace AutoBooking.Sandbox.Tests.Support;

/// <summary>
/// The sandbox's Stripe API called as Stripe.js calls Stripe's from a page: no Authorization header, the publishable
/// key and the intent's client_secret as form (POST) or query (GET) parameters, an Origin on every request.
/// </summary>
public sealed class BrowserStripe(SandboxServer sandbox, string publishableKey = "pk_test_sandbox") : IDisposable
{
    public const string Origin = "http://localhost:5173";

    public const string SucceedingCard = "4242 4242 4242 4242";
    public const string AuthenticationCard = "4000 0025 0000 3155";
    public const string AlwaysAuthenticateCard = "4000 0027 6000 3184";
    public const string DeclinedCard = "4000 0000 0000 0002";

    private readonly HttpClient http = new();

    /// <summary>Stripe.js's card element fields for <paramref name="number"/>, expiring next decade.</summary>
    public static (string, string)[] Card(string number) =>
    [
        ("payment_method_data[type]", "card"),
        ("payment_method_data[card][number]", number),
        ("payment_method_data[card][exp_month]", "12"),
        ("payment_method_data[card][exp_year]", "2099"),
        ("payment_method_data[card][cvc]", "123"),
    ];

    public Task<HttpResponseMessage> ConfirmSetupAsync(string intentId, string clientSecret, params (string, string)[] fields) =>
        PostAsync($"{sandbox.StripeBaseUrl}/v1/setup_intents/{intentId}/confirm", clientSecret, fields);

    public Task<HttpResponseMessage> ConfirmPaymentAsync(string intentId, string clientSecret, params (string, string)[] fields) =>
        PostAsync($"{sandbox.StripeBaseUrl}/v1/payment_intents/{intentId}/confirm", clientSecret, fields);

    public Task<HttpResponseMessage> RetrieveAsync(string kind, string intentId, string? clientSecret)
    {
        var query = "key=" + publishableKey + (clientSecret is null ? "" : "&client_secret=" + Uri.EscapeDataString(clientSecret));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{sandbox.StripeBaseUrl}/v1/{kind}/{intentId}?{query}");
        request.Headers.Add("Origin", Origin);
        return http.SendAsync(request);
    }

    /// <summary>The cardholder's answer in the 3-D Secure dialog, posted where the intent's next_action says.</summary>
    public Task<HttpResponseMessage> AuthenticateAsync(JsonElement intent, string outcome) =>
        PostAsync(AuthenticationUrl(intent), intent.Str("client_secret"), ("outcome", outcome));

    public static string AuthenticationUrl(JsonElement intent) =>
        intent.GetProperty("next_action").GetProperty("use_stripe_sdk").Str("stripe_js");

    public async Task<HttpResponseMessage> PostAsync(string url, string? clientSecret, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("key", publishableKey) };
        if (clientSecret is not null)
        {
            form.Add(new("client_secret", clientSecret));
        }
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Origin", Origin);
        return await http.SendAsync(request);
    }

    public void Dispose() => http.Dispose();
}
