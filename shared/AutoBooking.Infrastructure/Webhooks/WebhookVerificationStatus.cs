namespace AutoBooking.Infrastructure.Webhooks;

/// <summary>Why a webhook was accepted or rejected. Only <see cref="Verified"/> may be acted on; the rest answer 400.</summary>
public enum WebhookVerificationStatus
{
    Verified,

    /// <summary>No webhook secret is configured for the provider: nothing can be verified, so nothing is accepted.</summary>
    NotConfigured,

    MissingSignature,

    /// <summary>The signature header is not in the provider's format.</summary>
    MalformedSignature,

    /// <summary>The signature does not match the body (forged, or signed with another secret).</summary>
    InvalidSignature,

    /// <summary>Signed too long ago (or in the future): outside the 5-minute tolerance, e.g. a replay.</summary>
    Stale,

    /// <summary>Correctly signed, but the body is not an event we can read.</summary>
    MalformedPayload,
}
