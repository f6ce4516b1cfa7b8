namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// A client's <c>Idempotency-Key</c> for one create: the owner, the operation (<c>create_trip</c>), the key, and a
/// SHA-256 of the request, so the same key with another request can be told apart from a retry.
/// </summary>
public sealed record IdempotencyClaim(string OwnerId, string Operation, string Key, byte[] RequestHash);
