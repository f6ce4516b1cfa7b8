using System.Text.Json;
using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;
using Stripe;

namespace AutoBooking.Infrastructure.Webhooks;

/// <summary>
/// Verifies Stripe webhooks with Stripe.net's own <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>
/// (Stripe-Signature, HMAC-SHA256, 5-minute tolerance) and the configured endpoint secret. The signature
/// scheme is Stripe's to define, so it is never re-implemented here.
/// </summary>
public sealed class StripeWebhookVerifier(IOptions<StripeOptions> options, TimeProvider time)
{
    public const string SignatureHeader = "Stripe-Signature";

    public const long ToleranceSeconds = 300;

    public WebhookVerificationResult<StripeWebhookEvent> Verify(string? signatureHeader, string rawBody)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Rejected(WebhookVerificationStatus.NotConfigured, "Stripe:WebhookSecret is not set.");
        }
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return Rejected(WebhookVerificationStatus.MissingSignature, SignatureHeader + " is missing.");
        }
        try
        {
            EventUtility.ValidateSignature(rawBody, signatureHeader, secret, ToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException ex)
        {
            return Rejected(StatusOf(ex.Message), ex.Message);
        }
        // Signed, so Stripe's (or someone holding our secret): still only a well-formed event is read, never a crash.
        if (!WebhookEventShape.IsWellFormed(System.Text.Encoding.UTF8.GetBytes(rawBody)))
        {
            return Rejected(WebhookVerificationStatus.MalformedPayload, "The body is not an event: an object with id, type and data.object.");
        }
        Event stripeEvent;
        try
        {
            // The API version of the event is the webhook endpoint's; we read only stable fields, so a
            // different version than Stripe.net's is not a reason to drop a payment event.
            stripeEvent = EventUtility.ParseEvent(rawBody, throwOnApiVersionMismatch: false);
        }
        catch (Exception ex) when (ex is JsonException or Newtonsoft.Json.JsonException or ArgumentException or FormatException
            or InvalidCastException or InvalidOperationException or StripeException)
        {
            // Well-formed at the top but a field of the wrong kind inside (Stripe.net's typed model refuses it).
            return Rejected(WebhookVerificationStatus.MalformedPayload, "The body is not a Stripe event.");
        }

        var entity = stripeEvent.Data?.Object;
        var metadata = entity is IHasMetadata withMetadata ? withMetadata.Metadata : null;
        Guid? attemptId = metadata is not null && metadata.TryGetValue("attempt_id", out var attempt) && Guid.TryParse(attempt, out var parsed)
            ? parsed : null;
        return new WebhookVerificationResult<StripeWebhookEvent>(WebhookVerificationStatus.Verified, new StripeWebhookEvent(
            stripeEvent.Id, stripeEvent.Type, (entity as IHasId)?.Id, attemptId, stripeEvent.Livemode,
            new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)), stripeEvent), null);
    }

    /// <summary>
    /// Stripe.net reports every failure as a StripeException; its messages say which check failed. Used for
    /// the status only (logs and tests): every one of them is a rejection.
    /// </summary>
    private static WebhookVerificationStatus StatusOf(string message) =>
        message.Contains("tolerance", StringComparison.OrdinalIgnoreCase) ? WebhookVerificationStatus.Stale
        : message.Contains("format", StringComparison.OrdinalIgnoreCase) ? WebhookVerificationStatus.MalformedSignature
        : WebhookVerificationStatus.InvalidSignature;

    private static WebhookVerificationResult<StripeWebhookEvent> Rejected(WebhookVerificationStatus status, string reason) =>
        new(status, null, reason);
}
