namespace AutoBooking.Sandbox.Identity;

/// <summary>Someone who signs in at the sandbox identity provider: a preset test user or one typed in on the page.</summary>
internal sealed record SandboxUser(string Subject, string Name, bool IsOperator)
{
    public const string OperatorRole = "autobooking.operator";

    public static readonly IReadOnlyList<SandboxUser> Presets =
    [
        new("sandbox-ada", "Ada Lovelace", false),
        new("sandbox-grace", "Grace Hopper", false),
        new("sandbox-olivia", "Olivia Operator", true),
    ];

    public string Email => Subject + "@example.test";

    /// <summary>What the page's button says, e.g. "Sign in as Ada Lovelace (traveler)".</summary>
    public string ButtonText => $"Sign in as {Name} ({(IsOperator ? "operator" : "traveler")})";

    /// <summary>
    /// A user id typed on the page: 1–64 letters, digits, dots, dashes or underscores, so it is also a safe email
    /// local part. Null when <paramref name="userId"/> is not one.
    /// </summary>
    public static SandboxUser? Custom(string userId, bool isOperator) =>
        userId.Length is >= 1 and <= 64 && userId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? new SandboxUser(userId, userId, isOperator)
            : null;
}
