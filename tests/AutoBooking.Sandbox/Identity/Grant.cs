namespace AutoBooking.Sandbox.Identity;

/// <summary>What a user allowed the client: kept behind an authorization code and its refresh tokens.</summary>
internal sealed record Grant(SandboxUser User, string Scope, string? Nonce, DateTimeOffset AuthenticatedAt);
