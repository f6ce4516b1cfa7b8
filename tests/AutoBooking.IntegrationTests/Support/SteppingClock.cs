namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Real wall-clock dates, but a stopwatch that jumps <see cref="Step"/> at every reading once a test sets it: lets a
/// test spend a sweep's time budget without waiting for it.
/// </summary>
public sealed class SteppingClock : TimeProvider
{
    private long elapsedTicks;

    public TimeSpan Step { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref elapsedTicks, Step.Ticks);
}
