namespace AutoBooking.Core.Booking;

/// <summary>
/// How the saga retries a step that failed transiently (the only retry layer for saga steps, see README
/// "Retries"): at most <see cref="MaxAttempts"/> runs, waiting <see cref="FirstIntervalMilliseconds"/>, then twice
/// as long each time up to <see cref="MaxIntervalSeconds"/>, and never starting a run after <see cref="TimeoutSeconds"/>.
/// <see cref="SettleIntervalsSeconds"/>: the longer waits between tries of the final, idempotent bookkeeping
/// (ending or flagging the attempt) when even that fails, e.g. while Postgres is unreachable.
/// </summary>
public sealed record StepRetry(
    int MaxAttempts, int FirstIntervalMilliseconds, int MaxIntervalSeconds, int TimeoutSeconds, IReadOnlyList<int> SettleIntervalsSeconds)
{
    /// <summary>The production numbers (BookingOptions' defaults): 4 runs, 2 s, 4 s, 8 s apart, within 3 minutes; settling for ~38 minutes.</summary>
    public static StepRetry Default { get; } = new(4, 2000, 30, 180, [30, 60, 120, 300, 600, 1200]);
}
