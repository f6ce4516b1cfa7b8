using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// The data rights: everything one user owns, across every table (export), and its erasure. Erasure removes PII
/// and the user's id, and keeps the financial records (attempts, bookings, amounts, provider ids) that
/// accounting law requires, attached to a trip that no longer names anyone.
/// </summary>
public sealed class PersonalDataRepository(NpgsqlDataSource dataSource)
{
    // One round trip; every statement is scoped by the owner through trip_requests.owner_id or its own column.
    private const string ExportSql = """
        select customer_id from stripe_customers where owner_id = @OwnerId;
        select * from trip_requests where owner_id = @OwnerId order by created_at, id;
        select e.trip_id, e.id, e.kind, e.from_status, e.to_status, e.detail::text as detail, e.actor, e.correlation_id, e.occurred_at
            from trip_events e join trip_requests t on t.id = e.trip_id where t.owner_id = @OwnerId order by e.id;
        select p.trip_id, p.observed_at, p.best_qualifying_amount, p.best_overall_amount, p.currency, p.offer_count
            from price_observations p join trip_requests t on t.id = p.trip_id where t.owner_id = @OwnerId order by p.id;
        select o.id, o.trip_id, o.provider_offer_id, o.total_amount, o.currency, o.expires_at, o.max_stops, o.duration_minutes,
               o.carriers, o.passenger_ids, o.passenger_types
            from offers o join trip_requests t on t.id = o.trip_id where t.owner_id = @OwnerId order by o.first_seen_at, o.id;
        select a.* from booking_attempts a join trip_requests t on t.id = a.trip_id where t.owner_id = @OwnerId order by a.created_at, a.id;
        select b.* from bookings b join trip_requests t on t.id = b.trip_id where t.owner_id = @OwnerId order by b.created_at, b.id;
        select * from travelers where owner_id = @OwnerId order by created_at, id;
        select * from payment_methods where owner_id = @OwnerId order by created_at, id;
        """;

    // Row locks on the user's trips: the booking starter's watching -> booking change waits for (and then fails on) them.
    private const string LockTripsSql = "select id, status from trip_requests where owner_id = @OwnerId order by id for update";

    // Only a succeeded or failed attempt is settled; needs_attention still has an operator (and maybe money) on it.
    private const string InFlightSql = """
        select exists (select 1 from booking_attempts where trip_id = any(@Ids) and status not in ('succeeded', 'failed'))
        """;

    private const string CancelTripSql = """
        update trip_requests set status = 'cancelled', next_check_at = null, version = version + 1, updated_at = @Now where id = @Id
        """;

    private const string CustomerIdSql = "select customer_id from stripe_customers where owner_id = @OwnerId";

    private const string PaymentMethodIdsSql = """
        select stripe_payment_method_id from payment_methods where owner_id = @OwnerId
        union
        select stripe_payment_method_id from trip_requests where owner_id = @OwnerId and pii_erased_at is null
        """;

    private const string AnonymiseTripsSql = """
        update trip_requests
        set traveler_protected = null, companions_protected = null, pii_erased_at = @Now, owner_id = @ErasedOwnerId,
            version = version + 1, updated_at = @Now
        where owner_id = @OwnerId
        """;

    // The Stripe customer is remembered without its owner: a card Stripe saves for it later is detached on arrival.
    private const string DeleteProfilesSql = """
        with travelers as (delete from travelers where owner_id = @OwnerId returning 1),
             cards as (delete from payment_methods where owner_id = @OwnerId returning 1),
             customer as (delete from stripe_customers where owner_id = @OwnerId returning customer_id),
             remembered as (insert into erased_stripe_customers (customer_id, erased_at) select customer_id, @Now from customer
                 on conflict (customer_id) do nothing),
             idempotency as (delete from idempotency_keys where owner_id = @OwnerId returning 1),
             erasure as (delete from erasures_in_progress where owner_id = @OwnerId returning 1)
        select (select count(*) from travelers)::int as travelers, (select count(*) from cards)::int as cards
        """;

    // Refreshed by every attempt: a retry after a Stripe failure holds the owner's creates off again for a whole lease.
    private const string MarkErasingSql = """
        insert into erasures_in_progress (owner_id, started_at) values (@OwnerId, @Now)
        on conflict (owner_id) do update set started_at = excluded.started_at
        """;

    private static readonly string[] Cancellable = ["draft", "watching", "paused"];

    /// <summary>
    /// First transaction of an erasure, under the owner's lock: cancels the user's active trips unless a booking is in
    /// flight, marks the erasure under way (the owner's creates, card saves and resumes are refused from now on), and
    /// lists what to close at Stripe: the cards we recorded and the customer.
    /// </summary>
    public async Task<ErasurePreparation> PrepareErasureAsync(string ownerId, DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await OwnerLock.TakeAsync(connection, transaction, ownerId, now, cancellationToken);
        var cancelled = await CancelActiveTripsAsync(connection, transaction, ownerId, now, correlationId);
        if (cancelled is null)
        {
            return new ErasurePreparation(true, 0, []);
        }
        await connection.ExecuteAsync(MarkErasingSql, new { OwnerId = ownerId, Now = now }, transaction);
        var (cards, customer) = await StripeSideAsync(connection, transaction, ownerId);
        await transaction.CommitAsync(cancellationToken);
        return new ErasurePreparation(false, cancelled.Value, cards, customer);
    }

    /// <summary>
    /// Second transaction, under the owner's lock again, after Stripe closed <paramref name="closedCustomer"/> and
    /// detached <paramref name="detachedCards"/>: removes the user's PII in one go — trip travelers, saved profiles, saved
    /// cards, the Stripe customer link, and the user id itself (replaced on their trips by <paramref name="erasedOwnerId"/>).
    /// Each trip records <c>personal_data_erased</c> (no PII). Null when a booking started meanwhile; an unfinished result
    /// (<see cref="ErasureResult.StillToClose"/>) when the user holds a card or customer Stripe has not closed yet (both
    /// change nothing).
    /// </summary>
    public async Task<ErasureResult?> EraseAsync(string ownerId, string erasedOwnerId, IReadOnlySet<string> detachedCards, string? closedCustomer,
        DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detachedCards);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await OwnerLock.TakeAsync(connection, transaction, ownerId, now, cancellationToken);
        // Nothing can have become active under the erasure's mark, unless its lease ran out while Stripe was slow.
        if (await CancelActiveTripsAsync(connection, transaction, ownerId, now, correlationId) is not { } cancelled)
        {
            return null;
        }
        var (cards, customer) = await StripeSideAsync(connection, transaction, ownerId);
        if (!cards.All(detachedCards.Contains) || (customer is not null && customer != closedCustomer))
        {
            return ErasureResult.Unfinished(new ErasurePreparation(false, 0, cards, customer));
        }
        var tripIds = (await connection.QueryAsync<Guid>("select id from trip_requests where owner_id = @OwnerId", new { OwnerId = ownerId }, transaction)).AsList();
        foreach (var tripId in tripIds)
        {
            await TripEvents.AppendAsync(connection, transaction, tripId, "personal_data_erased", now, TripEvents.TravelerActor, correlationId,
                detail: new { reason = "erasure_request", kept = "booking attempts and bookings (accounting records)" });
        }
        var anonymised = await connection.ExecuteAsync(AnonymiseTripsSql,
            new { OwnerId = ownerId, ErasedOwnerId = erasedOwnerId, Now = now }, transaction);
        var (travelers, deletedCards) = await connection.QuerySingleAsync<(int, int)>(DeleteProfilesSql, new { OwnerId = ownerId, Now = now }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return new ErasureResult(cancelled, anonymised, travelers, deletedCards);
    }

    /// <summary>The cards to detach (saved, or named by a trip whose PII is still there) and the user's Stripe customer.</summary>
    private static async Task<(List<string> Cards, string? Customer)> StripeSideAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string ownerId) =>
        ((await connection.QueryAsync<string>(PaymentMethodIdsSql, new { OwnerId = ownerId }, transaction)).AsList(),
            await connection.ExecuteScalarAsync<string?>(CustomerIdSql, new { OwnerId = ownerId }, transaction));

    /// <summary>Number of trips cancelled, or null (and nothing changed) when one of the user's bookings is in flight.</summary>
    private static async Task<int?> CancelActiveTripsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string ownerId, DateTimeOffset now, string correlationId)
    {
        var trips = (await connection.QueryAsync<(Guid Id, string Status)>(LockTripsSql, new { OwnerId = ownerId }, transaction)).AsList();
        var ids = trips.Select(t => t.Id).ToArray();
        if (trips.Any(t => t.Status == "booking") || await connection.ExecuteScalarAsync<bool>(InFlightSql, new { Ids = ids }, transaction))
        {
            return null;
        }
        var cancelled = 0;
        foreach (var (id, status) in trips.Where(t => Cancellable.Contains(t.Status)))
        {
            await connection.ExecuteAsync(CancelTripSql, new { Id = id, Now = now }, transaction);
            await TripEvents.AppendAsync(connection, transaction, id, "status_changed", now, TripEvents.TravelerActor, correlationId, status, "cancelled",
                new { reason = "erasure_request" });
            cancelled++;
        }
        return cancelled;
    }

    public async Task<PersonalData> ExportAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot across the statements, so a trip and its events agree with each other.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(
            new CommandDefinition(ExportSql, new { OwnerId = ownerId }, transaction, cancellationToken: cancellationToken));
        return new PersonalData
        {
            StripeCustomerId = await grid.ReadSingleOrDefaultAsync<string>(),
            Trips = (await grid.ReadAsync<TripRecord>()).AsList(),
            Events = (await grid.ReadAsync<TripEventRecord>()).AsList(),
            Prices = (await grid.ReadAsync<PriceObservationRecord>()).AsList(),
            Offers = (await grid.ReadAsync<OfferRecord>()).AsList(),
            Attempts = (await grid.ReadAsync<AttemptRecord>()).AsList(),
            Bookings = (await grid.ReadAsync<BookingRecord>()).AsList(),
            Travelers = (await grid.ReadAsync<TravelerRecord>()).AsList(),
            PaymentMethods = (await grid.ReadAsync<PaymentMethodRecord>()).AsList(),
        };
    }
}
