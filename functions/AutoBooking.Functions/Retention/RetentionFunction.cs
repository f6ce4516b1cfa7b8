using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Retention;

/// <summary>Daily by default (app setting <c>Retention:Schedule</c>): every retention rule, batched (see <see cref="RetentionJob"/>).</summary>
public sealed class RetentionFunction(RetentionJob job)
{
    [Function(nameof(RetentionFunction))]
    public Task<IReadOnlyDictionary<string, int>> Run([TimerTrigger("%Retention:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
