namespace AutoBooking.Sandbox.Stripe;

/// <summary>A saved answer to an idempotent request, and what it answered (to detect a key reused differently).</summary>
internal sealed record StoredReply(string Endpoint, string Fingerprint, int Status, string Body, string RequestId);
