namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Simulated time for a whole test host: the real clock plus an offset the test moves forward ("a day passes").
/// Unlike a frozen fake, timeouts and the Durable engine keep working; everything that reads the app's
/// <see cref="TimeProvider"/> (stored timestamps, the reconciler, circuit breakers) sees the shifted time.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
