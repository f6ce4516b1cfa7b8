using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Pipeline;

/// <summary>At start-up: apply migrations (if enabled) and make sure the stage queues exist.</summary>
public sealed class StartupTasks(DatabaseMigrator migrator, StageQueues queues, IOptions<PostgresOptions> postgres) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (postgres.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        await queues.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
