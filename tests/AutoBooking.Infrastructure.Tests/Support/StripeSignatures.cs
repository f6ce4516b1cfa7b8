using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>
/// Signs test payloads the way Stripe documents (Stripe-Signature: t=…,v1=hex HMAC-SHA256 of "t.payload"), so
/// the production verifier (Stripe.net's EventUtility) has something real to check.
/// </summary>
public static class StripeSignatures
{
    public static string Header(string secret, DateTimeOffset signedAt, string payload)
    {
        var t = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + payload));
        return $"t={t},v1={Convert.ToHexStringLower(signature)}";
    }

    public static string PaymentIntentEvent(string eventId, string type, Guid attemptId, DateTimeOffset created) => """
        {"id":"EVENT_ID","object":"event","api_version":"2025-09-30.clover","created":CREATED,
         "data":{"object":{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":43210,"amount_capturable":0,
                 "amount_received":43210,"capture_method":"manual","currency":"gbp","livemode":false,
                 "metadata":{"attempt_id":"ATTEMPT_ID","trip_id":"7c1e3d9e-6a51-4f8e-9d0a-0c1d2e3f4a5b"},"status":"succeeded"}},
         "livemode":false,"pending_webhooks":1,"request":{"id":"req_8aZ3bQ1xYz","idempotency_key":"attempt-x/capture"},
         "type":"EVENT_TYPE"}
        """
        .Replace("EVENT_ID", eventId, StringComparison.Ordinal)
        .Replace("CREATED", created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("ATTEMPT_ID", attemptId.ToString(), StringComparison.Ordinal)
        .Replace("EVENT_TYPE", type, StringComparison.Ordinal);
}
