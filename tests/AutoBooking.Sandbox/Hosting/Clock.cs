namespace AutoBooking.Sandbox.Hosting;

/// <summary>Providers report times to the second; so does the sandbox, everywhere, so ledger and wire agree.</summary>
internal static class Clock
{
    public static DateTimeOffset UtcNowToSecond(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
