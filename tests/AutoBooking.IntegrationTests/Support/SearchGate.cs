namespace AutoBooking.IntegrationTests.Support;

/// <summary>A gate searches wait at while <see cref="Closed"/>; <see cref="Entered"/> completes when the first one arrives.</summary>
public sealed class SearchGate
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Closed { get; set; }

    public Task Entered => entered.Task;

    public void Open() => opened.TrySetResult();

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        if (!Closed)
        {
            return;
        }
        entered.TrySetResult();
        await opened.Task.WaitAsync(cancellationToken);
    }
}
