using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// The outbox's sending side. A sender claims due rows atomically (<c>FOR UPDATE SKIP LOCKED</c>, then a lease with a
/// token), so several senders never hold the same row; only the lease holder can settle it. A sender that dies
/// leaves its lease to run out and the row is claimed again (the Resend idempotency key makes that the same email).
/// </summary>
public sealed class OutboxRepository(NpgsqlDataSource dataSource)
{
    private const string ClaimDueSql = """
        with due as (
            select id from outbox_messages
            where status = 'pending' and next_attempt_at <= @Now and (lease_until is null or lease_until <= @Now)
              and (cast(@AttemptId as uuid) is null or attempt_id = @AttemptId)
            order by next_attempt_at
            limit @Limit
            for update skip locked)
        update outbox_messages o
        set lease_until = @LeaseUntil, lease_token = @Token, send_count = o.send_count + 1
        from due where o.id = due.id
        returning o.*
        """;

    private const string SentSql = """
        update outbox_messages
        set status = 'sent', sent_at = @Now, provider_message_id = @ProviderMessageId, lease_until = null, lease_token = null
        where id = @Id and lease_token = @Token and status = 'pending'
        """;

    private const string RetrySql = """
        update outbox_messages
        set next_attempt_at = @NextAttemptAt, last_error = @Error, lease_until = null, lease_token = null
        where id = @Id and lease_token = @Token and status = 'pending'
        """;

    private const string EndSql = """
        update outbox_messages
        set status = @Status, last_error = @Error, lease_until = null, lease_token = null
        where id = @Id and lease_token = @Token and status = 'pending'
        """;

    // Each overdue row is alerted once: the update marks it, so overlapping senders do not both alert.
    private const string ClaimOverdueSql = """
        update outbox_messages set alerted_at = @Now
        where id in (
            select id from outbox_messages
            where status = 'pending' and alerted_at is null and created_at <= @CreatedBefore
            limit @Limit
            for update skip locked)
        returning *
        """;

    /// <summary>
    /// Claims up to <paramref name="limit"/> due rows (of one attempt when <paramref name="attemptId"/> is given) for
    /// <paramref name="lease"/>; each claim counts as a send.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, Guid? attemptId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QueryAsync<OutboxMessage>(new CommandDefinition(ClaimDueSql, new
        {
            Now = now,
            LeaseUntil = now + lease,
            Token = Guid.NewGuid(),
            Limit = limit,
            AttemptId = attemptId,
        }, cancellationToken: cancellationToken));
        return claimed.ToList();
    }

    /// <summary>Resend accepted the email. False when the lease was lost (another sender settled the row).</summary>
    public Task<bool> MarkSentAsync(OutboxMessage message, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        SettleAsync(SentSql, new { message.Id, Token = message.LeaseToken, ProviderMessageId = providerMessageId, Now = now }, cancellationToken);

    /// <summary>Not sent this time: try again at <paramref name="nextAttemptAt"/>.</summary>
    public Task<bool> RetryLaterAsync(OutboxMessage message, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        SettleAsync(RetrySql, new { message.Id, Token = message.LeaseToken, NextAttemptAt = nextAttemptAt, Error = error }, cancellationToken);

    /// <summary>Never to be sent: <c>dead</c> (a permanent failure; alerted) or <c>skipped</c> (nothing left to tell).</summary>
    public Task<bool> EndAsync(OutboxMessage message, bool dead, string error, CancellationToken cancellationToken) =>
        SettleAsync(EndSql, new { message.Id, Token = message.LeaseToken, Status = dead ? "dead" : "skipped", Error = error }, cancellationToken);

    /// <summary>Pending rows created before <paramref name="createdBefore"/> that have not been alerted yet; marks them alerted.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimOverdueAsync(DateTimeOffset createdBefore, DateTimeOffset now, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var overdue = await connection.QueryAsync<OutboxMessage>(new CommandDefinition(ClaimOverdueSql,
            new { CreatedBefore = createdBefore, Now = now, Limit = limit }, cancellationToken: cancellationToken));
        return overdue.ToList();
    }

    /// <summary>The outbox rows of a trip, oldest first (support, tests).</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListForTripAsync(Guid tripId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxMessage>(new CommandDefinition(
            "select * from outbox_messages where trip_id = @TripId order by created_at, id", new { TripId = tripId },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private async Task<bool> SettleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
    }
}
