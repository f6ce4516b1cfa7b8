using AutoBooking.Functions.Api;
using AutoBooking.Functions.Webhooks;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// What the frontend and Stripe do around a saved card: the frontend confirms the SetupIntent with Stripe
/// (here the sandbox), and Stripe sends a signed <c>setup_intent.succeeded</c> event to our webhook.
/// </summary>
public static class StripeFlow
{
    private static readonly HttpClient Http = new();

    /// <summary>Saves a card end to end and returns our payment method id.</summary>
    public static async Task<Guid> SaveCardAsync(PipelineHarness harness, string token, string testCard)
    {
        var setup = await StartAsync(harness, token);
        var paymentMethodId = await ConfirmAtStripeAsync(harness, setup.SetupIntentId, testCard);
        var customer = await SetupIntentCustomerAsync(harness, setup.SetupIntentId);
        var result = await SendWebhookAsync(harness, SetupSucceededEvent("evt_" + Guid.NewGuid().ToString("N"), setup.SetupIntentId, customer, paymentMethodId));
        Assert.IsType<OkResult>(result);
        var list = (PageResponse<PaymentMethodResponse>)((OkObjectResult)await harness.Get<PaymentMethodsFunction>()
            .List(PipelineHarness.Request("GET", token: token), default)).Value!;
        return list.Items[0].Id;
    }

    public static async Task<SetupIntentResponse> StartAsync(PipelineHarness harness, string token, string? idempotencyKey = null)
    {
        var request = PipelineHarness.Request("POST", token: token);
        if (idempotencyKey is not null)
        {
            request.Headers["Idempotency-Key"] = idempotencyKey;
        }
        var result = Assert.IsType<OkObjectResult>(await harness.Get<PaymentMethodsFunction>().StartSetup(request, default));
        return Assert.IsType<SetupIntentResponse>(result.Value);
    }

    /// <summary>Stripe.js confirming the SetupIntent with a test card; returns the saved payment method id.</summary>
    public static async Task<string> ConfirmAtStripeAsync(PipelineHarness harness, string setupIntentId, string testCard)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{harness.Sandbox.StripeBaseUrl}/v1/setup_intents/{setupIntentId}/confirm")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("payment_method", testCard)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_sandbox");
        using var response = await Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["payment_method"]!.GetValue<string>();
    }

    public static async Task<string> SetupIntentCustomerAsync(PipelineHarness harness, string setupIntentId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{harness.Sandbox.StripeBaseUrl}/v1/setup_intents/{setupIntentId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_sandbox");
        using var response = await Http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["customer"]!.GetValue<string>();
    }

    public static string SetupSucceededEvent(string eventId, string setupIntentId, string customer, string paymentMethod) =>
        new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2025-09-30.clover",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["type"] = "setup_intent.succeeded",
            ["pending_webhooks"] = 1,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = setupIntentId, ["object"] = "setup_intent", ["customer"] = customer, ["payment_method"] = paymentMethod,
                    ["status"] = "succeeded", ["usage"] = "off_session",
                },
            },
        }.ToJsonString();

    /// <summary>A PaymentIntent event about one of our attempts (metadata <c>attempt_id</c>), as Stripe would send it.</summary>
    public static string PaymentIntentEvent(string eventId, string type, string paymentIntentId, Guid attemptId, string status) =>
        new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2025-09-30.clover",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["type"] = type,
            ["pending_webhooks"] = 1,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = paymentIntentId, ["object"] = "payment_intent", ["status"] = status, ["capture_method"] = "manual",
                    ["metadata"] = new JsonObject { ["attempt_id"] = attemptId.ToString() },
                },
            },
        }.ToJsonString();

    /// <summary>Stripe's signature header: <c>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>.</summary>
    public static string Sign(string body, string secret, DateTimeOffset? at = null)
    {
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    public static Task<IActionResult> SendWebhookAsync(PipelineHarness harness, string body, string? signature = null)
    {
        var request = PipelineHarness.Request("POST", body, contentType: "application/json");
        request.Headers["Stripe-Signature"] = signature ?? Sign(body, PipelineHarness.StripeWebhookSecret);
        return harness.Get<StripeWebhookFunction>().Run(request, harness.Durable, default);
    }
}
