namespace AutoBooking.Sandbox;

/// <summary>
/// One attempt to deliver a webhook (provider duffel or stripe). A failed attempt (no answer or not 2xx) is
/// retried later, behind newer events, so deliveries can arrive out of order and more than once, as the real
/// providers' do.
/// </summary>
public sealed record LedgerWebhookDelivery(
    string Provider, string EventId, string Type, int Attempt, int? StatusCode, bool Delivered, DateTimeOffset At);
