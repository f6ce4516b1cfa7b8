using System.Data.Common;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Trips;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// The reconciler's and operators' view of booking attempts. Claims are leases taken in one conditional UPDATE
/// (<c>FOR UPDATE SKIP LOCKED</c>), so any number of reconciler instances and operators work on disjoint attempts;
/// every settlement is a guarded transition that cannot end an attempt twice, and every action leaves a trip event.
/// Settling and flagging write the traveler's email into the outbox in the same transaction (see <see cref="Outbox"/>).
/// </summary>
public sealed class AttemptReconciliationRepository(NpgsqlDataSource dataSource)
{
    private const string InFlight = "'started','awaiting_authentication','authorized','ordered','captured'";

    // In-flight attempts quiet for a while (their orchestration is asked next) and needs_attention ones not re-checked
    // recently; nobody else's lease may be live. The sub-select locks and skips rows another claimer holds.
    private const string ClaimDueSql = $"""
        update booking_attempts a set reconcile_lease_until = @LeaseUntil
        from (
            select id from booking_attempts
            where ((status in ({InFlight}) and updated_at <= @QuietBefore)
                   or (status = 'needs_attention' and (reconciled_at is null or reconciled_at <= @RecheckBefore)))
              and (reconcile_lease_until is null or reconcile_lease_until <= @Now)
            order by updated_at
            limit @Batch
            for update skip locked) due
        where a.id = due.id
        returning a.*
        """;

    private const string ClaimOneSql = """
        update booking_attempts set reconcile_lease_until = @LeaseUntil
        where id = @Id and (reconcile_lease_until is null or reconcile_lease_until <= @Now)
        returning *
        """;

    private const string SelectSql = "select * from booking_attempts where id = @Id";

    private const string ReleaseLeaseSql = """
        update booking_attempts
        set reconcile_lease_until = null, reconciled_at = @Now, reconcile_passes = reconcile_passes + 1
        where id = @Id
        """;

    // Another attempt of the same trip holds the trip: it has a booking, or it is in flight.
    private const string BookingFactsSql = $"""
        select
            exists (select 1 from bookings where attempt_id = @Id) as booking_recorded,
            exists (select 1 from bookings where trip_id = @TripId and attempt_id <> @Id)
              or exists (select 1 from booking_attempts where trip_id = @TripId and id <> @Id and status in ({InFlight})) as trip_taken
        """;

    private const string InsertBookingSql = """
        insert into bookings (id, trip_id, attempt_id, provider_order_id, booking_reference, ticket_numbers, amount,
            currency, status, created_at)
        values (@Id, @TripId, @AttemptId, @ProviderOrderId, @BookingReference, @TicketNumbers, @Amount, @Currency, 'confirmed', @Now)
        on conflict do nothing
        """;

    // Only an attempt not yet ended by someone else; the first failure code recorded is kept (it says what went wrong first).
    private const string EndAttemptSql = """
        update booking_attempts
        set status = @Status, provider_order_id = coalesce(@ProviderOrderId, provider_order_id),
            failure_code = coalesce(failure_code, @FailureCode), updated_at = @Now
        where id = @Id and status not in ('succeeded', 'failed')
        returning id
        """;

    private const string FlagSql = $"""
        update booking_attempts set status = 'needs_attention', failure_code = coalesce(failure_code, @FailureCode), updated_at = @Now
        where id = @Id and status in ({InFlight})
        returning id
        """;

    private const string EscalateSql = """
        update booking_attempts set hold_escalated_at = @Now where id = @Id and hold_escalated_at is null returning id
        """;

    private const string LockTripSql = "select status from trip_requests where id = @TripId for update";

    private const string LockAttemptStatusSql = "select status from booking_attempts where id = @Id for update";

    private const string BookingIdOfAttemptSql = "select id from bookings where attempt_id = @AttemptId";

    private const string BookingOfAttemptSql = "select exists (select 1 from bookings where attempt_id = @AttemptId)";

    private const string MarkBookingRefundedSql = "update bookings set status = 'refunded' where attempt_id = @AttemptId and status <> 'refunded'";

    private const string MarkBookingCancelledSql = "update bookings set status = 'cancelled' where attempt_id = @AttemptId and status in ('confirmed', 'changed')";

    private const string ListSql = $"""
        select * from booking_attempts
        where status = 'needs_attention' or (status in ({InFlight}) and updated_at <= @QuietBefore)
        order by created_at
        limit @Limit
        """;

    /// <summary>Claims up to <paramref name="batch"/> attempts due for reconciliation until <paramref name="leaseUntil"/>.</summary>
    public async Task<IReadOnlyList<AttemptRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset quietBefore,
        DateTimeOffset recheckBefore, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AttemptRecord>(new CommandDefinition(ClaimDueSql,
            new { Now = now, LeaseUntil = leaseUntil, QuietBefore = quietBefore, RecheckBefore = recheckBefore, Batch = batch },
            cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Claims one attempt whatever its status (an operator asked); null when it does not exist or another claim is live.</summary>
    public async Task<AttemptRecord?> ClaimOneAsync(Guid attemptId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AttemptRecord>(new CommandDefinition(ClaimOneSql,
            new { Id = attemptId, Now = now, LeaseUntil = leaseUntil }, cancellationToken: cancellationToken));
    }

    public async Task<AttemptRecord?> FindAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AttemptRecord>(new CommandDefinition(SelectSql, new { Id = attemptId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Ends a claim: the attempt is free for the next pass (which re-checks a still-flagged attempt after the recheck interval).</summary>
    public async Task ReleaseLeaseAsync(Guid attemptId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseLeaseSql, new { Id = attemptId, Now = now }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether the attempt's booking is stored, and whether another attempt of its trip has the trip (booked or in flight).</summary>
    public async Task<(bool BookingRecorded, bool TripTaken)> BookingFactsAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var facts = await connection.QuerySingleAsync<BookingFactsRow>(new CommandDefinition(BookingFactsSql,
            new { attempt.Id, attempt.TripId }, cancellationToken: cancellationToken));
        return (facts.BookingRecorded, facts.TripTaken);
    }

    /// <summary>
    /// Ends the attempt as settled (booked: its booking stored and the trip booked; not booked: failed with its code and the
    /// trip moved on) and records why, in one transaction. False when someone else ended it first (nothing written).
    /// </summary>
    public async Task<bool> SettleAsync(AttemptRecord attempt, AttemptSettlement settlement, DateTimeOffset now, string actor, object detail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(settlement);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tripStatus = await connection.QuerySingleAsync<string>(LockTripSql, new { attempt.TripId }, transaction);
        var before = AttemptStatuses.FromDb(await connection.QuerySingleAsync<string>(LockAttemptStatusSql, new { attempt.Id }, transaction));
        if (settlement.Booked)
        {
            await connection.ExecuteAsync(InsertBookingSql, new
            {
                Id = Guid.CreateVersion7(now),
                attempt.TripId,
                AttemptId = attempt.Id,
                settlement.ProviderOrderId,
                settlement.BookingReference,
                TicketNumbers = settlement.TicketNumbers.ToArray(),
                attempt.Amount,
                attempt.Currency,
                Now = now,
            }, transaction);
            if (!await connection.ExecuteScalarAsync<bool>(BookingOfAttemptSql, new { AttemptId = attempt.Id }, transaction))
            {
                // The trip got its one booking from another attempt meanwhile: this order must not be recorded as it.
                throw new InvalidOperationException($"Trip {attempt.TripId} is booked by another attempt; attempt {attempt.Id} cannot be recorded.");
            }
        }
        var ended = await connection.ExecuteScalarAsync<Guid?>(EndAttemptSql, new
        {
            attempt.Id,
            Status = (settlement.Booked ? AttemptStatus.Succeeded : AttemptStatus.Failed).ToDb(),
            settlement.ProviderOrderId,
            settlement.FailureCode,
            Now = now,
        }, transaction);
        if (ended is null)
        {
            return false;
        }
        await TripEvents.AppendAsync(connection, transaction, attempt.TripId, "attempt_reconciled", now, actor, attempt.CorrelationId,
            detail: detail);
        if (settlement.TripTo is { } to)
        {
            await MoveTripAsync(connection, transaction, attempt, TripStatusMachine.FromDb(tripStatus), to, now, actor);
        }
        await EnqueueOutcomeEmailAsync(connection, transaction, attempt, settlement, before, now);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>An in-flight attempt whose saga is gone and which cannot be settled yet: it needs attention, and the trip shows failed.</summary>
    public async Task<bool> FlagAsync(AttemptRecord attempt, string failureCode, DateTimeOffset now, string actor, object detail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tripStatus = await connection.QuerySingleAsync<string>(LockTripSql, new { attempt.TripId }, transaction);
        var flagged = await connection.ExecuteScalarAsync<Guid?>(FlagSql, new { attempt.Id, FailureCode = failureCode, Now = now }, transaction);
        if (flagged is null)
        {
            return false;
        }
        await TripEvents.AppendAsync(connection, transaction, attempt.TripId, "attempt_" + AttemptStatus.NeedsAttention.ToDb(), now, actor,
            attempt.CorrelationId, detail: detail);
        await MoveTripAsync(connection, transaction, attempt, TripStatusMachine.FromDb(tripStatus), TripStatus.Failed, now, actor);
        // "We are checking your booking; you will not be charged twice" (outbox, once per attempt).
        await Outbox.EnqueueForAttemptAsync(connection, transaction, OutboxKind.AttemptUnderReview, attempt.TripId, attempt.Id, now);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Marks the attempt's hold as escalated, once; true only for the call that did it (which then alerts).</summary>
    public async Task<bool> EscalateHoldAsync(AttemptRecord attempt, DateTimeOffset now, string actor, object detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var escalated = await connection.ExecuteScalarAsync<Guid?>(EscalateSql, new { attempt.Id, Now = now }, transaction);
        if (escalated is not null)
        {
            await TripEvents.AppendAsync(connection, transaction, attempt.TripId, "hold_escalated", now, actor, attempt.CorrelationId, detail: detail);
        }
        await transaction.CommitAsync(cancellationToken);
        return escalated is not null;
    }

    /// <summary>Appends one audit entry for a reconciliation or operator action on the attempt's trip (<paramref name="detail"/>: no PII).</summary>
    public async Task RecordAsync(AttemptRecord attempt, string kind, DateTimeOffset now, string actor, object detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await TripEvents.AppendAsync(connection, null, attempt.TripId, kind, now, actor, attempt.CorrelationId, detail: detail);
    }

    /// <summary>
    /// Records a PaymentIntent found at Stripe for an attempt that never recorded one (the worker died between Stripe's
    /// answer and the saga's write), with an audit entry; false when the attempt already had one.
    /// </summary>
    public async Task<bool> RecordFoundPaymentIntentAsync(AttemptRecord attempt, string paymentIntentId, DateTimeOffset now, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = await connection.ExecuteAsync(
            "update booking_attempts set payment_intent_id = @paymentIntentId where id = @Id and payment_intent_id is null",
            new { attempt.Id, paymentIntentId }, transaction) == 1;
        if (recorded)
        {
            await TripEvents.AppendAsync(connection, transaction, attempt.TripId, "payment_intent_found", now, actor, attempt.CorrelationId,
                detail: new { attemptId = attempt.Id, paymentIntentId });
        }
        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    /// <summary>The attempt's booking was refunded (or its order cancelled) by an operator: the booking row says so.</summary>
    public async Task MarkBookingAsync(Guid attemptId, bool refunded, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(refunded ? MarkBookingRefundedSql : MarkBookingCancelledSql,
            new { AttemptId = attemptId }, cancellationToken: cancellationToken));
    }

    /// <summary>Attempts an operator should look at: flagged ones, and in-flight ones quiet since <paramref name="quietBefore"/>; oldest first.</summary>
    public async Task<IReadOnlyList<AttemptRecord>> ListNeedingAttentionAsync(DateTimeOffset quietBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AttemptRecord>(new CommandDefinition(ListSql, new { QuietBefore = quietBefore, Limit = limit },
            cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// The traveler hears the settlement in the same transaction (outbox, once per attempt and kind): the confirmation
    /// when booked; the failure when the trip fails or when they had been told we were checking.
    /// </summary>
    private static async Task EnqueueOutcomeEmailAsync(DbConnection connection, DbTransaction transaction, AttemptRecord attempt,
        AttemptSettlement settlement, AttemptStatus before, DateTimeOffset now)
    {
        if (settlement.Booked)
        {
            var bookingId = await connection.ExecuteScalarAsync<Guid>(BookingIdOfAttemptSql, new { AttemptId = attempt.Id }, transaction);
            await Outbox.EnqueueForAttemptAsync(connection, transaction, OutboxKind.BookingConfirmed, attempt.TripId, attempt.Id, now, bookingId);
        }
        else if (Outbox.ForEnd(before, AttemptStatus.Failed, settlement.TripTo) is { } kind)
        {
            await Outbox.EnqueueForAttemptAsync(connection, transaction, kind, attempt.TripId, attempt.Id, now);
        }
    }

    private static async Task MoveTripAsync(DbConnection connection, DbTransaction transaction, AttemptRecord attempt, TripStatus from,
        TripStatus to, DateTimeOffset now, string actor)
    {
        // Only along legal moves: a trip the traveler cancelled meanwhile, or one booked by another attempt, stays as it is.
        if (from != to && TripStatusMachine.CanTransition(from, to))
        {
            await TripRepository.TryTransitionAsync(connection, transaction, attempt.TripId, from, to, now, actor, attempt.CorrelationId,
                new { attemptId = attempt.Id }, nextCheckAt: to == TripStatus.Watching ? now : null);
        }
    }

    private sealed record BookingFactsRow(bool BookingRecorded, bool TripTaken);
}
