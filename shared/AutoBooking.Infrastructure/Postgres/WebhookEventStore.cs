using AutoBooking.Core.Ports;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Provider webhook events, unique by (provider, event id), claimed before they are processed: received →
/// processing (a claim token and a lease) → processed. Exactly one of any number of concurrent deliveries gets the
/// claim; a redelivery of a processed event, or one arriving while another holds a live lease, is acknowledged
/// without being processed. A handler that fails releases its claim (the provider's retry processes the event); a
/// worker that dies mid-processing leaves a claim whose lease runs out, and the next redelivery takes it over.
/// </summary>
public sealed class WebhookEventStore(NpgsqlDataSource dataSource, TimeProvider clock) : IWebhookEventStore
{
    /// <summary>Longer than any handler runs (a few provider calls with their timeouts), shorter than a provider's retry gap.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private const string InsertSql = """
        insert into webhook_events (provider, event_id, event_type, received_at, processed_at) values (@Provider, @EventId, @EventType, @ReceivedAt, @ReceivedAt)
        on conflict do nothing
        """;

    // The primary key decides between concurrent deliveries; an expired claim (a worker that died) is taken over.
    private const string ClaimSql = """
        insert into webhook_events (provider, event_id, event_type, received_at, status, lease_until, claim_token)
        values (@Provider, @EventId, @EventType, @Now, 'processing', @LeaseUntil, @Token)
        on conflict (provider, event_id) do update
            set lease_until = excluded.lease_until, claim_token = excluded.claim_token, attempts = webhook_events.attempts + 1
            where webhook_events.status = 'processing' and webhook_events.lease_until <= @Now
        returning claim_token
        """;

    private const string CompleteSql = """
        update webhook_events set status = 'processed', processed_at = @Now, lease_until = null
        where provider = @Provider and event_id = @EventId and claim_token = @Token and status = 'processing'
        """;

    private const string ReleaseSql = """
        delete from webhook_events where provider = @Provider and event_id = @EventId and claim_token = @Token and status = 'processing'
        """;

    /// <summary>The claim on the event, or null when it was processed already or is being processed under a live lease.</summary>
    public async Task<WebhookClaim?> ClaimAsync(string provider, string eventId, string eventType, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(ClaimSql, new
        {
            Provider = provider, EventId = eventId, EventType = eventType, Now = now, LeaseUntil = now + Lease, Token = token,
        }, cancellationToken: cancellationToken));
        return claimed == token ? new WebhookClaim(provider, eventId, token) : null;
    }

    /// <summary>The event was handled: redeliveries are acknowledged from now on.</summary>
    public async Task CompleteAsync(WebhookClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CompleteSql,
            new { claim.Provider, claim.EventId, claim.Token, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>The handler failed: forget the claim so the provider's redelivery processes the event.</summary>
    public async Task ReleaseAsync(WebhookClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, new { claim.Provider, claim.EventId, claim.Token },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> TryRecordAsync(string provider, string eventId, string eventType, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(InsertSql,
            new { Provider = provider, EventId = eventId, EventType = eventType, ReceivedAt = receivedAt }, cancellationToken: cancellationToken)) == 1;
    }
}
