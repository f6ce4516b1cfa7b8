namespace AutoBooking.Infrastructure.Webhooks;

/// <summary>The outcome of verifying a webhook: the typed event when <see cref="Status"/> is Verified, else why not.</summary>
public sealed record WebhookVerificationResult<TEvent>(WebhookVerificationStatus Status, TEvent? Event, string? Reason)
    where TEvent : class
{
    public bool IsVerified => Status == WebhookVerificationStatus.Verified && Event is not null;
}
