namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// The app's clock in the harness: the real time plus an offset a test moves forward (<see cref="Advance"/>), so
/// waits measured in minutes or hours (outbox backoff, alert thresholds) pass at once. Timers and delays stay real
/// (only "now" moves), so HTTP retries, the Durable engine and the sandbox behave as usual.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
    }
}
