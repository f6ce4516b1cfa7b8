namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A claim on one provider event: whoever holds it processes the event, then completes or releases it.</summary>
public sealed record WebhookClaim(string Provider, string EventId, Guid Token);
