using AutoBooking.Core.Ports;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Handled webhook events, unique by (provider, event id): a redelivery is recognised, not re-run.</summary>
public sealed class WebhookEventStore(NpgsqlDataSource dataSource) : IWebhookEventStore
{
    private const string InsertSql = """
        insert into webhook_events (provider, event_id, event_type, received_at) values (@Provider, @EventId, @EventType, @ReceivedAt)
        on conflict do nothing
        """;

    private const string SeenSql = "select exists (select 1 from webhook_events where provider = @Provider and event_id = @EventId)";

    public async Task<bool> TryRecordAsync(string provider, string eventId, string eventType, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(InsertSql,
            new { Provider = provider, EventId = eventId, EventType = eventType, ReceivedAt = receivedAt }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> SeenAsync(string provider, string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(SeenSql,
            new { Provider = provider, EventId = eventId }, cancellationToken: cancellationToken));
    }
}
