namespace AutoBooking.Sandbox.Tests.Support;

/// <summary>A clock that starts at the real now and moves only when a test says so (read by the sandbox's request threads).</summary>
public sealed class ManualClock : TimeProvider
{
    private long utcTicks = System.GetUtcNow().UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref utcTicks, by.Ticks);
}
