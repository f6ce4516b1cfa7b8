namespace AutoBooking.Sandbox.Hosting;

/// <summary>
/// The host lifetime for a sandbox inside a test process: unlike the default console lifetime it installs no
/// Ctrl+C or SIGTERM handlers, which belong to the test runner. The sandbox stops when it is disposed.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
