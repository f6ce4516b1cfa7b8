namespace AutoBooking.Infrastructure.Retention;

/// <summary>
/// One data-retention rule of the daily retention job. Register an implementation as <c>IRetentionRule</c> and the
/// job runs it (this is where the monitor's data rules plug in). A batch must be idempotent and bounded: the job
/// calls it until it changes fewer rows than <paramref name="batchSize"/>.
/// </summary>
public interface IRetentionRule
{
    /// <summary>Short name for logs, e.g. <c>traveler_pii</c>.</summary>
    string Name { get; }

    /// <summary>Applies the rule to at most <paramref name="batchSize"/> rows due at <paramref name="now"/>; returns how many changed.</summary>
    Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
