namespace AutoBooking.Sandbox;

/// <summary>An email Resend accepted (an idempotent replay does not add a second one).</summary>
public sealed record LedgerEmail(
    string Id,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? Html,
    string? Text,
    string? IdempotencyKey,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset CreatedAt);
