using System.Globalization;

namespace AutoBooking.Sandbox;

/// <summary>
/// How the sandbox prices a slice nobody pinned with <see cref="Fares.SetFare"/>. The default,
/// <see cref="UnpinnedFareMode.Hashed"/>, derives a stable fare from the route and date (mixed with <see cref="Salt"/>
/// when one is given). The other modes exist to prove that no test leans on those fares: with
/// <see cref="UnpinnedFareMode.Lowest"/> every unpinned slice costs <see cref="LowestFare"/>, with
/// <see cref="UnpinnedFareMode.Highest"/> <see cref="HighestFare"/>, so a test whose outcome depends on an unpinned fare
/// being above (or below) its price limit fails under one of them. Chosen for every sandbox a process starts by the
/// environment variable <see cref="Variable"/>: <c>hashed</c>, <c>hashed:&lt;salt&gt;</c>, <c>lowest</c> or <c>highest</c>.
/// </summary>
public sealed record UnpinnedFares(UnpinnedFareMode Mode, string Salt = "")
{
    public const string Variable = "AB_TEST_FARES";

    /// <summary>The adult economy fare of every unpinned slice under <see cref="UnpinnedFareMode.Lowest"/>.</summary>
    public const decimal LowestFare = 10.00m;

    /// <summary>The adult economy fare of every unpinned slice under <see cref="UnpinnedFareMode.Highest"/>.</summary>
    public const decimal HighestFare = 20_000.00m;

    public static UnpinnedFares Hashed { get; } = new(UnpinnedFareMode.Hashed);

    /// <summary>The mode <see cref="Variable"/> names, or <see cref="Hashed"/> when it is unset.</summary>
    public static UnpinnedFares FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static UnpinnedFares Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Hashed;
        }
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var mode = colon < 0 ? trimmed : trimmed[..colon];
        var salt = colon < 0 ? "" : trimmed[(colon + 1)..];
        return mode.ToLowerInvariant() switch
        {
            "hashed" => new UnpinnedFares(UnpinnedFareMode.Hashed, salt),
            "lowest" when salt.Length == 0 => new UnpinnedFares(UnpinnedFareMode.Lowest),
            "highest" when salt.Length == 0 => new UnpinnedFares(UnpinnedFareMode.Highest),
            _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{Variable} is 'hashed', 'hashed:<salt>', 'lowest' or 'highest', not '{text}'."), nameof(text)),
        };
    }

    public override string ToString() => Mode switch
    {
        UnpinnedFareMode.Hashed when Salt.Length > 0 => "hashed:" + Salt,
        _ => Mode.ToString().ToLowerInvariant(),
    };
}
