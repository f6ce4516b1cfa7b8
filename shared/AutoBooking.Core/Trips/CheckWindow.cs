namespace AutoBooking.Core.Trips;

/// <summary>
/// Check windows: time cut into fixed slices of the check interval, counted from the Unix epoch. One provider search
/// per distinct search per window is enough (its result serves every trip sharing it within the window), and the
/// window number drives search rotation so that trips with the same airports and dates rotate in step.
/// </summary>
public static class CheckWindow
{
    public static long Index(DateTimeOffset at, TimeSpan length) =>
        length <= TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(length)) : at.ToUnixTimeMilliseconds() / (long)length.TotalMilliseconds;

    public static DateTimeOffset Start(long index, TimeSpan length) =>
        DateTimeOffset.FromUnixTimeMilliseconds(index * (long)length.TotalMilliseconds);

    /// <summary>
    /// The rotation index of a trip's check in window <paramref name="window"/>: the window counted from its rotation
    /// set's anchor (so trips of one set are in step), but never behind the index after its previous check
    /// (<paramref name="previous"/>), so extra checks inside one window still move on to the next combination.
    /// </summary>
    public static int RotationIndex(long window, long anchor, int? previous)
    {
        var aligned = (int)Math.Clamp(window - anchor, 0, int.MaxValue);
        return previous is int last ? Math.Max(aligned, last + 1) : aligned;
    }
}
