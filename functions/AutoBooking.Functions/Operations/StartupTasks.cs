using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoBooking.Functions.Operations;

/// <summary>
/// At start-up: make sure the stage queues exist and check (never apply) the database schema. Migrations are the
/// deploy's own step (<c>AutoBooking.Functions migrate</c>), so a cold start or a scale-out never races a migration,
/// and Postgres being down never keeps the worker from starting: the problem is logged as Critical and the
/// health endpoint answers 503 until it is fixed, instead of the worker crash-looping.
/// </summary>
public sealed partial class StartupTasks(SchemaVersion schema, StageQueues queues, ILogger<StartupTasks> logger) : IHostedService
{
    private static readonly TimeSpan SchemaCheckTimeout = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await CheckSchemaAsync(cancellationToken);
        await queues.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CheckSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pending = await schema.PendingScriptsAsync(cancellationToken).WaitAsync(SchemaCheckTimeout, cancellationToken);
            if (pending.Count > 0)
            {
                LogSchemaBehind(logger, pending.Count, pending[^1]);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            LogPostgresUnreachable(logger, exception);
        }
    }

    [LoggerMessage(EventId = Alerts.SchemaBehind.Id, Level = Alerts.SchemaBehind.Level, Message = Alerts.SchemaBehind.Message)]
    private static partial void LogSchemaBehind(ILogger logger, int pendingCount, string latestScript);

    [LoggerMessage(EventId = Alerts.PostgresUnreachableAtStart.Id, Level = Alerts.PostgresUnreachableAtStart.Level, Message = Alerts.PostgresUnreachableAtStart.Message)]
    private static partial void LogPostgresUnreachable(ILogger logger, Exception exception);
}
