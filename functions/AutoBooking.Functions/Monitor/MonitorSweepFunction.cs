using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Monitor;

/// <summary>Every 10 minutes by default (app setting <c>Monitor:Schedule</c>): claim due trips, enqueue their searches.</summary>
public sealed class MonitorSweepFunction(MonitorSweep sweep)
{
    [Function(nameof(MonitorSweepFunction))]
    public Task<int> Run([TimerTrigger("%Monitor:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.SweepAsync(cancellationToken);
}
