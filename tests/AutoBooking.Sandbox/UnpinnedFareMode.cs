namespace AutoBooking.Sandbox;

/// <summary>See <see cref="UnpinnedFares"/>.</summary>
public enum UnpinnedFareMode
{
    Hashed,
    Lowest,
    Highest,
}
