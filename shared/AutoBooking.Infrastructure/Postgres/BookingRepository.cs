using System.Text.Json;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Booking attempts and bookings. Every write is idempotent so a re-run activity changes nothing twice, and
/// the schema (one active attempt per trip, one booking per trip and per provider order) backs it up.
/// <para>
/// The state changes a traveler hears about write their email into the outbox in the same transaction
/// (<see cref="CompleteAsync"/>: booked; <see cref="ReleaseAsync"/>: failed, when the traveler must act or was told we
/// were checking; <see cref="FlagForAttentionAsync"/>: "we are checking"; <see cref="AwaitAuthenticationAsync"/>: confirm
/// the payment; <see cref="MarkScheduleChangedAsync"/>: new times). Whoever settles an attempt through these methods (the
/// saga, the reconciler, an operator) tells the traveler once, with no email code of their own.
/// </para>
/// </summary>
public sealed class BookingRepository(NpgsqlDataSource dataSource)
{
    private const string LockTripSql = "select status from trip_requests where id = @TripId for update";

    private const string CreationFailureReportedSql = """
        select exists (
            select 1 from trip_events e join booking_attempts a on a.trip_id = e.trip_id
            where a.id = @AttemptId and e.kind = 'duffel_order.creation_failed' and e.detail ->> 'attemptId' = @AttemptText)
        """;

    private const string ReportedOrderSql = """
        select e.detail ->> 'objectId' from trip_events e join booking_attempts a on a.trip_id = e.trip_id
        where a.id = @AttemptId and e.kind = 'duffel_order.created' and e.detail ->> 'attemptId' = @AttemptText
        order by e.id desc limit 1
        """;

    private const string ActiveAttemptSql = """
        select * from booking_attempts
        where trip_id = @TripId and status in ('started','awaiting_authentication','authorized','ordered','captured')
        """;

    private const string OfferOfTripSql = "select * from offers where id = @OfferId and trip_id = @TripId";

    private const string NextAttemptNoSql = "select coalesce(max(attempt_no), 0) + 1 from booking_attempts where trip_id = @TripId";

    private const string InsertAttemptSql = """
        insert into booking_attempts (id, trip_id, attempt_no, offer_id, instance_id, status, amount, currency,
            correlation_id, created_at, updated_at)
        values (@Id, @TripId, @AttemptNo, @OfferId, @InstanceId, 'started', @Amount, @Currency, @CorrelationId, @Now, @Now)
        returning *
        """;

    private const string SelectAttemptSql = "select * from booking_attempts where id = @Id";

    private const string ChecksOfAttemptTripSql = """
        select t.checks_made::bigint from trip_requests t join booking_attempts a on a.trip_id = t.id where a.id = @AttemptId
        """;

    private const string LockAttemptSql = "select * from booking_attempts where id = @Id for update";

    // Only from started: a retried activity (or a replay) finds the attempt waiting already and records nothing twice.
    private const string AwaitAuthenticationSql = """
        update booking_attempts
        set status = 'awaiting_authentication', payment_intent_id = @PaymentIntentId, respond_by = @RespondBy, updated_at = @Now
        where id = @Id and status = 'started'
        returning trip_id
        """;

    // Keeps the first intent: a retried authorization replays the same one (same idempotency key).
    private const string RecordPaymentIntentSql = """
        update booking_attempts set payment_intent_id = coalesce(payment_intent_id, @PaymentIntentId), updated_at = @Now
        where id = @Id
        """;

    private const string SelectTripSql = "select * from trip_requests where id = @Id";

    private const string SelectOfferSql = "select * from offers where id = @Id";

    // Held fares (approval mode): the hold is requested before it is posted, then recorded, re-priced, paid.
    private const string MarkFareHoldRequestedSql =
        "update booking_attempts set fare_hold_requested_at = coalesce(fare_hold_requested_at, @Now), updated_at = @Now where id = @Id";

    private const string RecordFareHoldSql = """
        update booking_attempts set provider_order_id = @OrderId, hold_payment_required_by = @RequiredBy,
            hold_price_guaranteed_until = @GuaranteedUntil, updated_at = @Now
        where id = @Id returning trip_id
        """;

    private const string RepriceAttemptSql = """
        with old as (select amount from booking_attempts where id = @Id for update)
        update booking_attempts a set amount = @Amount, updated_at = @Now from old where a.id = @Id returning a.trip_id, old.amount
        """;

    private const string MarkHoldPaidSql =
        "update booking_attempts set hold_paid_at = coalesce(hold_paid_at, @Now), updated_at = @Now where id = @Id";

    private const string UpdateAttemptSql = """
        update booking_attempts
        set status = @Status,
            payment_intent_id = coalesce(@PaymentIntentId, payment_intent_id),
            provider_order_id = coalesce(@ProviderOrderId, provider_order_id),
            failure_code = coalesce(@FailureCode, failure_code),
            updated_at = @Now
        where id = @Id
        returning trip_id
        """;

    private const string InsertBookingSql = """
        insert into bookings (id, trip_id, attempt_id, provider_order_id, booking_reference, ticket_numbers, amount,
            currency, status, created_at)
        values (@Id, @TripId, @AttemptId, @ProviderOrderId, @BookingReference, @TicketNumbers, @Amount, @Currency,
            'confirmed', @Now)
        on conflict (attempt_id) do nothing
        """;

    private const string SelectBookingByAttemptSql = "select * from bookings where attempt_id = @AttemptId";

    // The provider's order id is the booking's own key; the attempt id (from the order's metadata) finds it too.
    private const string SelectBookingOfProviderOrderSql = """
        select * from bookings
        where provider_order_id = @ProviderOrderId or attempt_id = @AttemptId
        order by provider_order_id = @ProviderOrderId desc nulls last
        limit 1
        """;

    private const string LockBookingSql = "select * from bookings where id = @Id for update";

    // A cancelled or refunded booking has no schedule left to change; changed stays changed.
    private const string MarkChangedSql = """
        update bookings set status = 'changed' where id = @Id and status in ('confirmed', 'changed') returning status
        """;

    // Once per provider event and kind: a redelivered event finds its entry and adds none (callers hold the booking's row lock).
    private const string AppendProviderEventOnceSql = """
        insert into trip_events (trip_id, kind, detail, correlation_id, actor, occurred_at)
        select @TripId, @Kind, cast(@Detail as jsonb), @EventId, 'provider', @At
        where not exists (
            select 1 from trip_events where trip_id = @TripId and kind = @Kind and detail ->> 'eventId' = @EventId)
        """;

    /// <summary>The trip's in-flight attempt (for raising the traveler's approval on its saga), if the owner has one.</summary>
    public async Task<AttemptRecord?> ActiveAttemptForOwnerAsync(Guid tripId, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AttemptRecord>(new CommandDefinition("""
            select a.* from booking_attempts a join trip_requests t on t.id = a.trip_id
            where a.trip_id = @TripId and t.owner_id = @OwnerId and a.status in ('started','awaiting_authentication','authorized','ordered','captured')
            """, new { TripId = tripId, OwnerId = ownerId }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether the saga asked the traveler to approve this attempt's fare (its audit trail says so).</summary>
    public async Task<bool> ApprovalRequestedAsync(Guid tripId, Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from trip_events
                           where trip_id = @TripId and kind = 'approval_requested' and detail ->> 'attemptId' = @AttemptId)
            """, new { TripId = tripId, AttemptId = attemptId.ToString() }, cancellationToken: cancellationToken));
    }

    /// <summary>The trip of an attempt, or null when the attempt is not ours.</summary>
    public async Task<Guid?> TripOfAttemptAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "select trip_id from booking_attempts where id = @AttemptId", new { AttemptId = attemptId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Whether Duffel has told us (webhook <c>order.creation_failed</c>, recorded on the trip) that the attempt's order
    /// was not created: with no order found either, the ambiguous creation is settled as "nothing bought".
    /// </summary>
    public async Task<bool> CreationFailureReportedAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(CreationFailureReportedSql,
            new { AttemptId = attemptId, AttemptText = attemptId.ToString() }, cancellationToken: cancellationToken));
    }

    /// <summary>The order Duffel's <c>order.created</c> webhook reported for the attempt (recorded on the trip), if any.</summary>
    public async Task<string?> ReportedOrderAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ReportedOrderSql,
            new { AttemptId = attemptId, AttemptText = attemptId.ToString() }, cancellationToken: cancellationToken));
    }

    public async Task<BookingRecord> GetBookingAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<BookingRecord>(
            new CommandDefinition(SelectBookingByAttemptSql, new { AttemptId = attemptId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Our booking of a provider order, found by the order id or by the attempt that bought it (from the order's
    /// metadata); null when the order is not ours.
    /// </summary>
    public async Task<BookingRecord?> FindByProviderOrderAsync(string? providerOrderId, Guid? attemptId, CancellationToken cancellationToken)
    {
        if (providerOrderId is null && attemptId is null)
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BookingRecord>(new CommandDefinition(SelectBookingOfProviderOrderSql,
            new { ProviderOrderId = providerOrderId, AttemptId = attemptId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The airline changed the booking's schedule (provider event <paramref name="eventId"/>): a confirmed booking
    /// becomes <c>changed</c>, the trip's audit trail gets one <c>airline_schedule_change</c> entry and the outbox one
    /// schedule-change email per event however often it is delivered. False when the booking is cancelled or refunded
    /// (recorded, status kept, nobody emailed).
    /// </summary>
    public async Task<bool> MarkScheduleChangedAsync(BookingRecord booking, string eventId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleAsync<BookingRecord>(LockBookingSql, new { booking.Id }, transaction);
        var after = await connection.ExecuteScalarAsync<string?>(MarkChangedSql, new { booking.Id }, transaction);
        await AppendProviderEventOnceAsync(connection, transaction, before, "airline_schedule_change", eventId, now,
            new { bookingStatus = before.Status, bookingStatusNow = after ?? before.Status });
        if (after is not null)
        {
            await Outbox.EnqueueForProviderEventAsync(connection, transaction, OutboxKind.ScheduleChange, before, eventId, now);
        }
        await transaction.CommitAsync(cancellationToken);
        return after is not null;
    }

    /// <summary>
    /// Records on the booking's trip what became of a provider event (e.g. the traveler was emailed), once per
    /// event and kind. <paramref name="detail"/> must carry no PII.
    /// </summary>
    public async Task RecordProviderEventOnceAsync(BookingRecord booking, string kind, string eventId, DateTimeOffset now, object? detail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await connection.QuerySingleAsync<BookingRecord>(LockBookingSql, new { booking.Id }, transaction);
        await AppendProviderEventOnceAsync(connection, transaction, locked, kind, eventId, now, detail);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The provider's offer as it was bought (raw JSON; no PII), for the itinerary in emails.</summary>
    public async Task<string> GetOfferJsonAsync(Guid offerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "select raw::text from offers where id = @OfferId", new { OfferId = offerId }, cancellationToken: cancellationToken)) ?? "{}";
    }

    /// <summary>
    /// Begins a booking attempt under a row lock on the trip: compare-and-set watching → booking and insert
    /// the attempt, or report the attempt already in flight.
    /// </summary>
    public async Task<BeginAttemptResult> BeginAsync(Guid tripId, Guid offerId, string correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var status = await connection.QuerySingleOrDefaultAsync<string>(LockTripSql, new { TripId = tripId }, transaction);
        if (status is null)
        {
            return new BeginAttemptResult(BeginAttemptOutcome.NotFound, null, null);
        }
        var active = await connection.QuerySingleOrDefaultAsync<AttemptRecord>(ActiveAttemptSql, new { TripId = tripId }, transaction);
        if (active is not null)
        {
            return new BeginAttemptResult(BeginAttemptOutcome.AlreadyActive, active, status);
        }
        if (TripStatusMachine.FromDb(status) != TripStatus.Watching)
        {
            return new BeginAttemptResult(BeginAttemptOutcome.NotWatching, null, status);
        }
        var offer = await connection.QuerySingleOrDefaultAsync<OfferRecord>(OfferOfTripSql, new { OfferId = offerId, TripId = tripId }, transaction);
        if (offer is null)
        {
            return new BeginAttemptResult(BeginAttemptOutcome.NotFound, null, status);
        }

        var attemptNo = await connection.ExecuteScalarAsync<int>(NextAttemptNoSql, new { TripId = tripId }, transaction);
        var attempt = await connection.QuerySingleAsync<AttemptRecord>(InsertAttemptSql, new
        {
            Id = Guid.CreateVersion7(now),
            TripId = tripId,
            AttemptNo = attemptNo,
            OfferId = offerId,
            InstanceId = AttemptRecord.InstanceIdFor(tripId, attemptNo),
            Amount = offer.TotalAmount,
            offer.Currency,
            CorrelationId = correlationId,
            Now = now,
        }, transaction);
        await TripRepository.TryTransitionAsync(connection, transaction, tripId, TripStatus.Watching, TripStatus.Booking, now,
            "booking", correlationId, new { attemptId = attempt.Id, attemptNo });
        await transaction.CommitAsync(cancellationToken);
        return new BeginAttemptResult(BeginAttemptOutcome.Started, attempt, TripStatus.Booking.ToDb());
    }

    public async Task<AttemptContext> GetContextAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var attempt = await connection.QuerySingleAsync<AttemptRecord>(SelectAttemptSql, new { Id = attemptId });
        var trip = await connection.QuerySingleAsync<TripRecord>(SelectTripSql, new { Id = attempt.TripId });
        var offer = await connection.QuerySingleAsync<OfferRecord>(SelectOfferSql, new { Id = attempt.OfferId });
        return new AttemptContext(attempt, trip, offer);
    }

    /// <summary>Records a saga milestone on the attempt and in the audit trail.</summary>
    public async Task MarkAsync(Guid attemptId, AttemptStatus status, DateTimeOffset now, string correlationId,
        string? paymentIntentId = null, string? providerOrderId = null, string? failureCode = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tripId = await UpdateAttemptAsync(connection, transaction, attemptId, status, now, paymentIntentId, providerOrderId, failureCode);
        await TripEvents.AppendAsync(connection, transaction, tripId, "attempt_" + status.ToDb(), now, "booking", correlationId,
            detail: new { attemptId, failureCode });
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The card needs the traveler's authentication: the attempt waits for it until <paramref name="respondBy"/>,
    /// keeping the PaymentIntent (so compensation can cancel it), the audit trail says so and the outbox gets the email
    /// with the confirm link. Idempotent.
    /// </summary>
    public async Task AwaitAuthenticationAsync(Guid attemptId, string paymentIntentId, DateTimeOffset respondBy, DateTimeOffset now,
        string correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tripId = await connection.ExecuteScalarAsync<Guid?>(AwaitAuthenticationSql,
            new { Id = attemptId, PaymentIntentId = paymentIntentId, RespondBy = respondBy, Now = now }, transaction);
        if (tripId is Guid trip)
        {
            await TripEvents.AppendAsync(connection, transaction, trip, "attempt_" + AttemptStatus.AwaitingAuthentication.ToDb(), now,
                "booking", correlationId, detail: new { attemptId, respondBy });
            await Outbox.EnqueueForAttemptAsync(connection, transaction, OutboxKind.PaymentActionRequired, trip, attemptId, now);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps the PaymentIntent of an attempt whose authorization did not hold the money (declined, processing), so
    /// that compensation (and the reconciler) can cancel it. The attempt's status does not change.
    /// </summary>
    /// <summary>
    /// Approval mode: the audit trail says a fare awaits the traveler's decision (with the hold's deadline, if held) and
    /// the outbox gets the approval email, in one transaction. Idempotent: one email per attempt.
    /// </summary>
    public async Task RequestApprovalAsync(AttemptContext attempt, int? timeoutSeconds, DateTimeOffset now, string correlationId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await Outbox.EnqueueForAttemptAsync(connection, transaction, OutboxKind.ApprovalRequested, attempt.Trip.Id, attempt.Attempt.Id, now) > 0)
        {
            await TripEvents.AppendAsync(connection, transaction, attempt.Trip.Id, "approval_requested", now, "booking", correlationId,
                detail: new
                {
                    attemptId = attempt.Attempt.Id, amount = attempt.Attempt.Amount, currency = attempt.Attempt.Currency, timeoutSeconds,
                    heldUntil = attempt.Attempt.HoldPaymentRequiredBy, priceGuaranteedUntil = attempt.Attempt.HoldPriceGuaranteedUntil,
                });
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Written before a hold order is posted: from now on an order of this attempt may exist at Duffel although no
    /// payment was authorized yet, so reconciliation looks for it (by the attempt id in its metadata).
    /// </summary>
    public async Task MarkFareHoldRequestedAsync(Guid attemptId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkFareHoldRequestedSql, new { Id = attemptId, Now = now }, cancellationToken: cancellationToken));
    }

    /// <summary>The hold order exists: its id, deadline and price guarantee, and a trip event saying so (no PII).</summary>
    public async Task RecordFareHoldAsync(Guid attemptId, string providerOrderId, DateTimeOffset? paymentRequiredBy, DateTimeOffset? priceGuaranteedUntil,
        DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tripId = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(RecordFareHoldSql,
            new { Id = attemptId, OrderId = providerOrderId, RequiredBy = paymentRequiredBy, GuaranteedUntil = priceGuaranteedUntil, Now = now },
            transaction, cancellationToken: cancellationToken));
        await TripEvents.AppendAsync(connection, transaction, tripId, "fare_held", now, "booking", correlationId,
            detail: new { attemptId, providerOrderId, paymentRequiredBy, priceGuaranteedUntil });
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The held fare's price moved and still qualifies: the attempt goes on at <paramref name="total"/> (only before
    /// any money is authorized for it, or after the previous authorization was released).
    /// </summary>
    public async Task RepriceAttemptAsync(Guid attemptId, Core.Money.Money total, DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (tripId, previous) = await connection.QuerySingleAsync<(Guid, decimal)>(new CommandDefinition(RepriceAttemptSql,
            new { Id = attemptId, total.Amount, Now = now }, transaction, cancellationToken: cancellationToken));
        await TripEvents.AppendAsync(connection, transaction, tripId, "held_fare_repriced", now, "booking", correlationId,
            detail: new { attemptId, from = previous, to = total.Amount, currency = total.Currency });
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The hold was paid through Duffel's Payments API: tickets exist, the money on the card is still only held.</summary>
    public async Task MarkHoldPaidAsync(Guid attemptId, DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkHoldPaidSql, new { Id = attemptId, Now = now }, cancellationToken: cancellationToken));
        await MarkAsync(attemptId, AttemptStatus.Ordered, now, correlationId, cancellationToken: cancellationToken);
    }

    public async Task RecordPaymentIntentAsync(Guid attemptId, string paymentIntentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RecordPaymentIntentSql,
            new { Id = attemptId, PaymentIntentId = paymentIntentId, Now = now }, cancellationToken: cancellationToken));
    }

    /// <summary>One attempt, or null when it is not ours.</summary>
    public async Task<AttemptRecord?> FindAttemptAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AttemptRecord>(
            new CommandDefinition(SelectAttemptSql, new { Id = attemptId }, cancellationToken: cancellationToken));
    }

    /// <summary>The checks (shared or not) the attempt's trip took so far.</summary>
    public async Task<long> CountChecksAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(ChecksOfAttemptTripSql, new { AttemptId = attemptId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records the confirmed, paid order as the trip's booking, closes the attempt and puts the confirmation email in
    /// the outbox. Idempotent.
    /// </summary>
    public async Task<BookingRecord> CompleteAsync(Guid attemptId, OrderResult order, DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var attempt = await connection.QuerySingleAsync<AttemptRecord>(SelectAttemptSql, new { Id = attemptId }, transaction);
        await connection.ExecuteAsync(InsertBookingSql, new
        {
            Id = Guid.CreateVersion7(now),
            attempt.TripId,
            AttemptId = attemptId,
            order.ProviderOrderId,
            order.BookingReference,
            TicketNumbers = order.TicketNumbers.ToArray(),
            attempt.Amount,
            attempt.Currency,
            Now = now,
        }, transaction);
        await UpdateAttemptAsync(connection, transaction, attemptId, AttemptStatus.Succeeded, now, null, order.ProviderOrderId, null);
        await TripRepository.TryTransitionAsync(connection, transaction, attempt.TripId, TripStatus.Booking, TripStatus.Booked, now,
            "booking", correlationId, new { attemptId, bookingReference = order.BookingReference });
        var booking = await connection.QuerySingleAsync<BookingRecord>(SelectBookingByAttemptSql, new { AttemptId = attemptId }, transaction);
        await Outbox.EnqueueForAttemptAsync(connection, transaction, OutboxKind.BookingConfirmed, attempt.TripId, attemptId, now, booking.Id);
        await transaction.CommitAsync(cancellationToken);
        return booking;
    }

    /// <summary>
    /// Ends an attempt that bought nothing and charged nothing: the attempt fails with its code and the trip
    /// moves to <paramref name="tripTo"/> (watching again, checked soon; or failed, waiting for the traveler).
    /// The traveler is emailed (outbox, once per attempt) when they have to act (<paramref name="tripTo"/> failed) or
    /// when they were told we were checking the attempt (it needed attention): the outcome they wait for.
    /// </summary>
    public async Task ReleaseAsync(Guid attemptId, string failureCode, TripStatus tripTo, DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        await EndAsync(attemptId, AttemptStatus.Failed, failureCode, tripTo, now, correlationId, cancellationToken);
    }

    /// <summary>
    /// A compensation could not finish: the attempt needs an operator, the trip shows as failed, and the traveler is
    /// told (outbox, once per attempt) that we are checking and they will not be charged twice.
    /// </summary>
    public async Task FlagForAttentionAsync(Guid attemptId, string failureCode, DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        await EndAsync(attemptId, AttemptStatus.NeedsAttention, failureCode, TripStatus.Failed, now, correlationId, cancellationToken);
    }

    private async Task EndAsync(Guid attemptId, AttemptStatus attemptStatus, string failureCode, TripStatus tripTo, DateTimeOffset now,
        string correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleAsync<AttemptRecord>(LockAttemptSql, new { Id = attemptId }, transaction);
        var tripId = await UpdateAttemptAsync(connection, transaction, attemptId, attemptStatus, now, null, null, failureCode);
        await TripRepository.TryTransitionAsync(connection, transaction, tripId, TripStatus.Booking, tripTo, now,
            "booking", correlationId, new { attemptId, failureCode }, nextCheckAt: tripTo == TripStatus.Watching ? now : null);
        if (Outbox.ForEnd(before.AttemptStatus, attemptStatus, tripTo) is { } kind)
        {
            await Outbox.EnqueueForAttemptAsync(connection, transaction, kind, tripId, attemptId, now);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Appends the entry unless this event already left one of this kind; the rows added (0 or 1).</summary>
    private static Task<int> AppendProviderEventOnceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BookingRecord booking,
        string kind, string eventId, DateTimeOffset now, object? detail)
    {
        var entry = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["eventId"] = eventId,
            ["bookingId"] = booking.Id,
            ["attemptId"] = booking.AttemptId,
            ["providerOrderId"] = booking.ProviderOrderId,
        };
        if (detail is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(detail).EnumerateObject())
            {
                entry[property.Name] = property.Value;
            }
        }
        return connection.ExecuteAsync(AppendProviderEventOnceSql, new
        {
            booking.TripId,
            Kind = kind,
            Detail = JsonSerializer.Serialize(entry),
            EventId = eventId,
            At = now,
        }, transaction);
    }

    private static Task<Guid> UpdateAttemptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid attemptId,
        AttemptStatus status, DateTimeOffset now, string? paymentIntentId, string? providerOrderId, string? failureCode) =>
        connection.ExecuteScalarAsync<Guid>(UpdateAttemptSql, new
        {
            Id = attemptId,
            Status = status.ToDb(),
            PaymentIntentId = paymentIntentId,
            ProviderOrderId = providerOrderId,
            FailureCode = failureCode,
            Now = now,
        }, transaction);
}
