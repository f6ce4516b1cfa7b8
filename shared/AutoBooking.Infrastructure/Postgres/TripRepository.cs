using System.Data.Common;
using AutoBooking.Core.Trips;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Trip requests: creation, owner-scoped reads, the monitor's claim, and compare-and-set transitions.</summary>
public sealed class TripRepository(NpgsqlDataSource dataSource)
{
    private const string InsertSql = """
        insert into trip_requests (id, owner_id, status, origin, destination, departure_date, cabin, max_connections,
            max_total_amount, currency, traveler_protected, stripe_customer_id, stripe_payment_method_id,
            next_check_at, auto_book_consent_terms, auto_book_consent_at, included_airlines, excluded_airlines,
            max_duration_minutes, checked_bags, expires_at, approval_required, additional_origins, additional_destinations,
            latest_departure_date, companions_protected, return_min_nights, return_max_nights, preferred_airlines, fare_requirements,
            created_at, updated_at)
        values (@Id, @OwnerId, @Status, @Origin, @Destination, @DepartureDate, @Cabin, @MaxConnections,
            @MaxTotalAmount, @Currency, @TravelerProtected, @StripeCustomerId, @StripePaymentMethodId,
            @NextCheckAt, @ConsentTermsVersion, @Now, @IncludedAirlines, @ExcludedAirlines,
            @MaxDurationMinutes, @CheckedBags, @ExpiresAt, @ApprovalRequired, @AdditionalOrigins, @AdditionalDestinations,
            @LatestDepartureDate, @CompanionsProtected, @ReturnMinNights, @ReturnMaxNights, @PreferredAirlines,
            cast(@FareRequirements as jsonb), @Now, @Now)
        """;

    private const string SelectSql = "select * from trip_requests where id = @Id";

    private const string SelectForOwnerSql = "select * from trip_requests where id = @Id and owner_id = @OwnerId";

    // The booked offer's terms come along: the trip view shows the fare's conditions and bags beside the booking.
    // Under the owner's lock: the saved profiles and card a create named, read before the lock, still exist.
    private const string SavedSelectionsExistSql = """
        select (select count(*) from travelers where owner_id = @OwnerId and id = any(@TravelerIds)) = cardinality(@TravelerIds)
           and (cast(@CardId as uuid) is null or exists (select 1 from payment_methods where owner_id = @OwnerId and id = @CardId))
        """;

    // A watching or paused trip whose travelers are gone (erasure and retention never leave one; a safety net for a bug
    // or a hand edit) cannot be searched for: it is cancelled, with the reason in its audit trail.
    private const string CancelErasedSql = """
        update trip_requests set status = 'cancelled', claim_token = null, version = version + 1, updated_at = @Now
        where id = any(@Ids) and status in ('watching', 'paused') and (pii_erased_at is not null or traveler_protected is null)
        returning id
        """;

    private const string SelectBookingSql = $"""
        select b.*, booked_offer.*
        from bookings b {BookingRecord.BookedOfferJoin}
        where b.trip_id = @TripId
        """;

    // Offers are stored once per search now; a trip has seen offers when one of its checks found any.
    private const string HasOffersSql = "select exists (select 1 from price_observations where trip_id = @TripId and offer_count > 0)";

    // Claims due trips without blocking on rows another sweep holds, and pushes their next check past
    // the lease so a later sweep does not claim them again while their search is queued. Each claim gets a
    // fresh token: only a search message carrying it may run the check.
    private const string ClaimDueSql = """
        with due as (
            select id from trip_requests
            where status = 'watching' and next_check_at <= @Now
            order by next_check_at
            limit @BatchSize
            for update skip locked)
        update trip_requests t set next_check_at = @LeaseUntil, claim_token = gen_random_uuid(), updated_at = @Now
        from due where t.id = due.id
        returning t.id, t.claim_token
        """;

    private const string SelectDueSql = """
        select id, search_key from trip_requests
        where status = 'watching' and next_check_at <= @Now
        order by next_check_at
        limit @BatchSize
        for update skip locked
        """;

    // A search another sweep is claiming right now (row locked) or a run holds is left alone: its trips wait for it.
    private const string ClaimSearchesSql = """
        with free as (
            select key from searches
            where key = any(@Keys) and (claim_token is null or lease_until <= @Now)
            for update skip locked)
        update searches s set claim_token = gen_random_uuid(), lease_until = @LeaseUntil
        from free where s.key = free.key
        returning s.key, s.claim_token
        """;

    private const string LeasesSql = "select key, lease_until, claim_token from searches where key = any(@Keys)";

    private const string MarkClaimedSql = """
        update trip_requests t set claim_token = u.token, next_check_at = u.at, updated_at = @Now
        from unnest(@Ids, @Tokens, @Ats) as u(id, token, at)
        where t.id = u.id
        """;

    private const string SetSearchSql = """
        update trip_requests set search_key = @Key, search_round = @Round where id = @Id and claim_token = @RunToken
        """;

    private const string SharingSql = """
        select t.*, (select p.best_overall_amount from price_observations p where p.trip_id = t.id order by p.observed_at desc limit 1)
            as last_best_overall
        from trip_requests t
        where search_key = @Key and status = 'watching' and (claim_token = any(@Tokens) or (@IncludeIdle and claim_token is null))
        """;

    private const string DeferSql = """
        update trip_requests set claim_token = null, next_check_at = @At, updated_at = @Now
        where search_key = @Key and status = 'watching' and claim_token = any(@Tokens)
        """;

    // The search stage takes the claim before it searches: the message's token (or, for the first search a new
    // trip or a changed one enqueues itself, no claim held or an expired one) is swapped for the run's own token and
    // the lease restarts, so a redelivered or superseded message, or a sweep, cannot start the same check again.
    private const string TakeClaimSql = """
        update trip_requests set claim_token = @RunToken, next_check_at = @LeaseUntil
        where id = @Id and status = 'watching'
          and (claim_token = @Token or (@Token is null and (claim_token is null or next_check_at <= @Now)))
        """;

    private const string LockForOwnerSql = """
        select status, version, pii_erased_at from trip_requests where id = @Id and owner_id = @OwnerId for update
        """;

    private const string CountActiveSql = """
        select count(*) from trip_requests where owner_id = @OwnerId and status in ('draft','watching','paused','booking')
        """;

    private const string UpdateCriteriaSql = """
        update trip_requests set origin = @Origin, destination = @Destination, departure_date = @DepartureDate, cabin = @Cabin,
            max_connections = @MaxConnections, max_total_amount = @MaxTotalAmount, currency = @Currency,
            included_airlines = @IncludedAirlines, excluded_airlines = @ExcludedAirlines, preferred_airlines = @PreferredAirlines,
            additional_origins = @AdditionalOrigins, additional_destinations = @AdditionalDestinations,
            latest_departure_date = @LatestDepartureDate, return_min_nights = @ReturnMinNights, return_max_nights = @ReturnMaxNights,
            search_round = 0, search_key = null,
            max_duration_minutes = @MaxDurationMinutes, checked_bags = @CheckedBags, fare_requirements = cast(@FareRequirements as jsonb),
            version = version + 1, updated_at = @Now,
            next_check_at = case when status = 'watching' then @Now else next_check_at end
        where id = @Id
        """;

    // Watching or paused trips past their expiry stop; each transition is recorded like any other.
    private const string ExpireSql = """
        with due as (
            select id, status from trip_requests
            where status in ('watching', 'paused') and expires_at <= @Now
            limit @BatchSize
            for update skip locked)
        update trip_requests t set status = 'expired', version = version + 1, updated_at = @Now
        from due where t.id = due.id
        returning t.id, due.status as from_status
        """;

    private const string CompareAndSetStatusSql = """
        update trip_requests set status = @To, version = version + 1, updated_at = @Now,
            next_check_at = coalesce(@NextCheckAt, next_check_at)
        where id = @Id and status = @From
        """;

    public async Task CreateAsync(
        Guid id, NewTrip trip, string travelerProtected, string? companionsProtected, DateTimeOffset now, string correlationId,
        CancellationToken cancellationToken) =>
        await TryCreateAsync(id, trip, travelerProtected, companionsProtected, now, correlationId, int.MaxValue, null, cancellationToken);

    /// <summary>
    /// Stores the trip unless its owner already has <paramref name="maxActive"/> active ones, or <paramref name="idempotency"/>'s
    /// key was used before (the outcome then names the first request's trip, or says the key was reused). Key claim, count and
    /// insert run in one transaction under the owner's lock (<see cref="OwnerLock"/>), so any number of concurrent creates
    /// cannot pass the limit and one key makes one trip, and a create either commits before an erasure of the owner (which
    /// then cancels and anonymises it) or finds it under way and stores nothing.
    /// </summary>
    public async Task<CreateOutcome> TryCreateAsync(
        Guid id, NewTrip trip, string travelerProtected, string? companionsProtected, DateTimeOffset now, string correlationId,
        int maxActive, IdempotencyClaim? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trip);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await OwnerLock.TakeAsync(connection, transaction, trip.OwnerId, now, cancellationToken))
        {
            return CreateOutcome.ErasureInProgress;
        }
        if (await IdempotencyClaims.ClaimAsync(connection, transaction, idempotency, id, now, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        if ((trip.SavedTravelerIds.Count > 0 || trip.SavedPaymentMethodId is not null)
            && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(SavedSelectionsExistSql,
                new { trip.OwnerId, TravelerIds = trip.SavedTravelerIds.Distinct().ToArray(), CardId = trip.SavedPaymentMethodId }, transaction,
                cancellationToken: cancellationToken)))
        {
            return new CreateOutcome(CreateStatus.SavedSelectionGone, Guid.Empty);
        }
        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountActiveSql, new { trip.OwnerId }, transaction,
                cancellationToken: cancellationToken)) >= maxActive)
        {
            return CreateOutcome.LimitReached;
        }
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id,
            trip.OwnerId,
            Status = TripStatus.Watching.ToDb(),
            trip.Origin,
            trip.Destination,
            trip.DepartureDate,
            trip.Cabin,
            trip.MaxConnections,
            MaxTotalAmount = trip.MaxTotal.Amount,
            trip.MaxTotal.Currency,
            TravelerProtected = travelerProtected,
            trip.StripeCustomerId,
            trip.StripePaymentMethodId,
            trip.ConsentTermsVersion,
            IncludedAirlines = trip.Filters.IncludedAirlines.ToArray(),
            ExcludedAirlines = trip.Filters.ExcludedAirlines.ToArray(),
            PreferredAirlines = (trip.Filters.PreferredAirlines ?? []).ToArray(),
            trip.Filters.MaxDurationMinutes,
            trip.Filters.CheckedBags,
            FareRequirements = FareRequirementsJson.Write(trip.Filters.Fare),
            trip.ExpiresAt,
            trip.ApprovalRequired,
            AdditionalOrigins = trip.Route.AdditionalOrigins.ToArray(),
            AdditionalDestinations = trip.Route.AdditionalDestinations.ToArray(),
            trip.Route.LatestDepartureDate,
            CompanionsProtected = companionsProtected,
            ReturnMinNights = trip.Route.Return?.MinNights,
            ReturnMaxNights = trip.Route.Return?.MaxNights,
            // The first search is enqueued straight away; the sweep picks the trip up again after the lease if it is lost.
            NextCheckAt = now.AddMinutes(15),
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        await TripEvents.AppendAsync(connection, transaction, id, "trip_created", now, TripEvents.TravelerActor, correlationId,
            toStatus: TripStatus.Watching.ToDb());
        await transaction.CommitAsync(cancellationToken);
        return new CreateOutcome(CreateStatus.Created, id);
    }

    public async Task<TripRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TripRecord>(
            new CommandDefinition(SelectSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>The trip, its booking and whether offers were seen — only if <paramref name="ownerId"/> owns it.</summary>
    public async Task<(TripRecord Trip, BookingRecord? Booking, bool HasOffers)?> GetForOwnerAsync(
        Guid id, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var trip = await connection.QuerySingleOrDefaultAsync<TripRecord>(
            new CommandDefinition(SelectForOwnerSql, new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken));
        if (trip is null)
        {
            return null;
        }
        var booking = await connection.QuerySingleOrDefaultAsync<BookingRecord>(
            new CommandDefinition(SelectBookingSql, new { TripId = id }, cancellationToken: cancellationToken));
        var hasOffers = await connection.ExecuteScalarAsync<bool>(
            new CommandDefinition(HasOffersSql, new { TripId = id }, cancellationToken: cancellationToken));
        return (trip, booking, hasOffers);
    }

    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(DateTimeOffset now, int batchSize, TimeSpan lease, CancellationToken cancellationToken) =>
        [.. (await ClaimDueBatchAsync(now, batchSize, lease, cancellationToken)).Select(c => c.Id)];

    /// <summary>Claims up to <paramref name="batchSize"/> due trips for <paramref name="lease"/>, each with a fresh claim token.</summary>
    public async Task<IReadOnlyList<ClaimedTrip>> ClaimDueBatchAsync(DateTimeOffset now, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QueryAsync<ClaimedTrip>(new CommandDefinition(ClaimDueSql,
            new { Now = now, BatchSize = batchSize, LeaseUntil = now + lease }, cancellationToken: cancellationToken));
        return claimed.ToList();
    }

    /// <summary>
    /// Claims one batch of due trips and, grouped by the search each makes, the searches themselves: a search is
    /// claimed once however many due trips share it, and its trips carry its claim token (its run applies the result
    /// to them). Trips of a search another run holds wait for that run's lease; trips without a search yet are
    /// claimed one by one. At most <paramref name="maxSearches"/> distinct searches (a trip without one counts as one)
    /// are taken: the budget limits searches, not trips, so however many trips share a search they come along with it;
    /// due trips of searches beyond the budget stay due for the next sweep.
    /// </summary>
    public async Task<SweepClaim> ClaimDueSearchesAsync(
        DateTimeOffset now, int batchSize, int maxSearches, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var selected = (await connection.QueryAsync<(Guid Id, string? SearchKey)>(SelectDueSql, new { Now = now, BatchSize = batchSize }, transaction)).ToList();
        var due = WithinSearchBudget(selected, maxSearches);
        if (due.Count == 0)
        {
            return new SweepClaim(0, [], [], selected.Count == batchSize);
        }
        var leaseUntil = now + lease;
        var keys = due.Where(d => d.SearchKey is not null).Select(d => d.SearchKey!).Distinct().ToArray();
        var claimed = (await connection.QueryAsync<(string Key, Guid ClaimToken)>(ClaimSearchesSql,
            new { Keys = keys, Now = now, LeaseUntil = leaseUntil }, transaction)).ToDictionary(c => c.Key, c => c.ClaimToken);
        // A search another run (or an earlier batch of this sweep) holds: its trips join that claim, so the run applies its
        // result to them too (whether it searches or serves the window's stored result), and wait for its lease otherwise.
        var held = (await connection.QueryAsync<(string Key, DateTimeOffset? LeaseUntil, Guid? ClaimToken)>(LeasesSql,
            new { Keys = keys.Where(k => !claimed.ContainsKey(k)).ToArray() }, transaction)).ToDictionary(h => h.Key);
        var marks = due.Select(d => d.SearchKey is { } key && claimed.TryGetValue(key, out var token) ? (d.Id, (Guid?)token, leaseUntil)
            : d.SearchKey is { } running && held.TryGetValue(running, out var holder) ? (d.Id, holder.ClaimToken, holder.LeaseUntil ?? leaseUntil)
            : (d.Id, Guid.NewGuid(), leaseUntil)).ToList();
        await connection.ExecuteAsync(MarkClaimedSql, new
        {
            Now = now,
            Ids = marks.Select(m => m.Item1).ToArray(),
            Tokens = marks.Select(m => m.Item2).ToArray(),
            Ats = marks.Select(m => m.Item3).ToArray(),
        }, transaction);
        await transaction.CommitAsync(cancellationToken);
        var searches = claimed.Select(c => new ClaimedSearch(c.Key, c.Value, due.First(d => d.SearchKey == c.Key).Id)).ToList();
        // Trips of no claimed or held search (none yet, or its row is missing) are searched on their own, one message each.
        var trips = due.Zip(marks).Where(p => p.First.SearchKey is not { } key || (!claimed.ContainsKey(key) && !held.ContainsKey(key)))
            .Select(p => new ClaimedTrip(p.Second.Item1, p.Second.Item2!.Value)).ToList();
        return new SweepClaim(due.Count, searches, trips, selected.Count == batchSize);
    }

    /// <summary>Due trips in order, as long as their searches fit the budget (a trip of a search already taken always fits).</summary>
    private static List<(Guid Id, string? SearchKey)> WithinSearchBudget(List<(Guid Id, string? SearchKey)> due, int maxSearches)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var searches = 0;
        var taken = new List<(Guid Id, string? SearchKey)>(due.Count);
        foreach (var trip in due)
        {
            if (trip.SearchKey is { } key && keys.Contains(key))
            {
                taken.Add(trip);
            }
            else if (searches < maxSearches)
            {
                searches++;
                if (trip.SearchKey is { } newKey)
                {
                    keys.Add(newKey);
                }
                taken.Add(trip);
            }
        }
        return taken;
    }

    /// <summary>Releases the trips a run of this search holds and makes them due again at <paramref name="at"/>.</summary>
    public async Task DeferAsync(string key, IReadOnlyList<Guid> tokens, DateTimeOffset at, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeferSql, new { Key = key, Tokens = tokens.ToArray(), At = at, Now = now },
            cancellationToken: cancellationToken));
    }

    /// <summary>Points the trip at the search its current check makes (only while <paramref name="runToken"/> holds its claim).</summary>
    public async Task<bool> SetSearchAsync(Guid id, string key, int round, Guid runToken, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(SetSearchSql, new { Id = id, Key = key, Round = round, RunToken = runToken },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Watching trips on this search that a run of it applies its result to: those held by one of its
    /// <paramref name="tokens"/>, and, with <paramref name="includeIdle"/> (a result just fetched), those nobody holds.
    /// </summary>
    public async Task<IReadOnlyList<TripRecord>> SharingAsync(string key, IReadOnlyList<Guid> tokens, bool includeIdle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var trips = await connection.QueryAsync<TripRecord>(new CommandDefinition(SharingSql, new { Key = key, Tokens = tokens.ToArray(), IncludeIdle = includeIdle },
            cancellationToken: cancellationToken));
        return trips.ToList();
    }

    /// <summary>
    /// Takes the claim for one check: true when the message's <paramref name="token"/> is still the trip's claim
    /// (or, without a token, when no live claim exists); the trip is then leased to <paramref name="runToken"/>.
    /// </summary>
    public async Task<bool> TakeClaimAsync(Guid id, Guid? token, Guid runToken, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(TakeClaimSql,
            new { Id = id, Token = token, RunToken = runToken, Now = now, LeaseUntil = now + lease }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// A traveler's status change (pause, resume, cancel): owner-scoped, optionally guarded by the version the
    /// caller read (If-Match), and only along legal transitions. Resuming makes the trip due at once.
    /// </summary>
    public async Task<TripCommandResult> ChangeStatusForOwnerAsync(Guid id, string ownerId, TripStatus to, int? expectedVersion,
        DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Under the owner's lock, like erasure: a resume cannot slip in between an erasure's cancelling and its anonymising.
        var erasing = await OwnerLock.TakeAsync(connection, transaction, ownerId, now, cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<StatusVersion>(
            LockForOwnerSql, new { Id = id, OwnerId = ownerId }, transaction);
        if (current is null)
        {
            return new TripCommandResult(TripCommandOutcome.NotFound, null, null);
        }
        var (status, version) = (current.Status, current.Version);
        if (expectedVersion is not null && expectedVersion != version)
        {
            return new TripCommandResult(TripCommandOutcome.VersionMismatch, status, version);
        }
        var from = TripStatusMachine.FromDb(status);
        if (!TripStatusMachine.CanTransition(from, to))
        {
            return new TripCommandResult(TripCommandOutcome.IllegalTransition, status, version);
        }
        // A trip whose travelers were anonymised (retention) has no one left to book for: it never becomes active again.
        if (current.PiiErasedAt is not null && to == TripStatus.Watching)
        {
            return new TripCommandResult(TripCommandOutcome.PersonalDataErased, status, version);
        }
        if (erasing && to == TripStatus.Watching)
        {
            return new TripCommandResult(TripCommandOutcome.ErasureInProgress, status, version);
        }
        await TryTransitionAsync(connection, transaction, id, from, to, now, TripEvents.TravelerActor, correlationId,
            nextCheckAt: to == TripStatus.Watching ? now : null);
        await transaction.CommitAsync(cancellationToken);
        return new TripCommandResult(TripCommandOutcome.Changed, to.ToDb(), version + 1);
    }

    /// <summary>
    /// Replaces a trip's criteria while it is watching or paused (a watching trip is checked again at once),
    /// owner-scoped and optionally guarded by the version the caller read.
    /// </summary>
    public async Task<TripCommandResult> UpdateCriteriaForOwnerAsync(Guid id, string ownerId, TripCriteria criteria, int? expectedVersion,
        DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<StatusVersion>(LockForOwnerSql, new { Id = id, OwnerId = ownerId }, transaction);
        if (current is null)
        {
            return new TripCommandResult(TripCommandOutcome.NotFound, null, null);
        }
        if (expectedVersion is not null && expectedVersion != current.Version)
        {
            return new TripCommandResult(TripCommandOutcome.VersionMismatch, current.Status, current.Version);
        }
        if (TripStatusMachine.FromDb(current.Status) is not (TripStatus.Watching or TripStatus.Paused))
        {
            return new TripCommandResult(TripCommandOutcome.IllegalTransition, current.Status, current.Version);
        }
        await connection.ExecuteAsync(UpdateCriteriaSql, new
        {
            Id = id,
            criteria.Origin,
            criteria.Destination,
            criteria.DepartureDate,
            criteria.Cabin,
            criteria.MaxConnections,
            MaxTotalAmount = criteria.MaxTotal.Amount,
            criteria.MaxTotal.Currency,
            IncludedAirlines = criteria.Filters.IncludedAirlines.ToArray(),
            ExcludedAirlines = criteria.Filters.ExcludedAirlines.ToArray(),
            PreferredAirlines = (criteria.Filters.PreferredAirlines ?? []).ToArray(),
            criteria.Filters.MaxDurationMinutes,
            criteria.Filters.CheckedBags,
            FareRequirements = FareRequirementsJson.Write(criteria.Filters.Fare),
            AdditionalOrigins = criteria.Route.AdditionalOrigins.ToArray(),
            AdditionalDestinations = criteria.Route.AdditionalDestinations.ToArray(),
            criteria.Route.LatestDepartureDate,
            ReturnMinNights = criteria.Route.Return?.MinNights,
            ReturnMaxNights = criteria.Route.Return?.MaxNights,
            Now = now,
        }, transaction);
        await TripEvents.AppendAsync(connection, transaction, id, "criteria_updated", now, TripEvents.TravelerActor, correlationId,
            detail: new
            {
                criteria.Origin, criteria.Destination, criteria.DepartureDate, criteria.Cabin, criteria.MaxConnections,
                maxTotal = criteria.MaxTotal.ToString(), criteria.Filters, criteria.Route,
            });
        await transaction.CommitAsync(cancellationToken);
        return new TripCommandResult(TripCommandOutcome.Changed, current.Status, current.Version + 1);
    }

    /// <summary>Ends the watch of trips past their expiry (watching or paused → expired); returns how many.</summary>
    public async Task<int> ExpireDueAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var expired = (await connection.QueryAsync<ExpiredTrip>(ExpireSql, new { Now = now, BatchSize = batchSize }, transaction)).ToList();
        foreach (var trip in expired)
        {
            await TripEvents.AppendAsync(connection, transaction, trip.Id, "status_changed", now, "monitor", null, trip.FromStatus,
                TripStatus.Expired.ToDb());
        }
        await transaction.CommitAsync(cancellationToken);
        return expired.Count;
    }

    /// <summary>Appends a pipeline milestone to the trip's audit trail (no PII in <paramref name="detail"/>).</summary>
    /// <summary>Cancels those of <paramref name="ids"/> that are active without travelers; returns the ids cancelled.</summary>
    public async Task<IReadOnlyList<Guid>> CancelErasedAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cancelled = (await connection.QueryAsync<Guid>(new CommandDefinition(CancelErasedSql, new { Ids = ids.ToArray(), Now = now }, transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var id in cancelled)
        {
            await TripEvents.AppendAsync(connection, transaction, id, "trip_cancelled", now, "monitor", null, toStatus: "cancelled",
                detail: new { reason = "personal_data_erased" });
        }
        await transaction.CommitAsync(cancellationToken);
        return cancelled;
    }

    public async Task RecordEventAsync(Guid id, string kind, DateTimeOffset now, string actor, string? correlationId, object? detail,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await TripEvents.AppendAsync(connection, null, id, kind, now, actor, correlationId, detail: detail);
    }

    /// <summary>
    /// Moves a trip from one status to another only if it is still in <paramref name="from"/>, and records the
    /// transition. Returns false when another actor got there first.
    /// </summary>
    internal static async Task<bool> TryTransitionAsync(
        DbConnection connection, DbTransaction transaction, Guid id, TripStatus from, TripStatus to, DateTimeOffset now,
        string actor, string? correlationId, object? detail = null, DateTimeOffset? nextCheckAt = null)
    {
        if (!TripStatusMachine.CanTransition(from, to))
        {
            throw new InvalidOperationException($"Trip status cannot move from {from} to {to}.");
        }
        var changed = await connection.ExecuteAsync(CompareAndSetStatusSql,
            new { Id = id, From = from.ToDb(), To = to.ToDb(), Now = now, NextCheckAt = nextCheckAt }, transaction);
        if (changed == 1)
        {
            await TripEvents.AppendAsync(connection, transaction, id, "status_changed", now, actor, correlationId,
                from.ToDb(), to.ToDb(), detail);
        }
        return changed == 1;
    }

    private sealed class StatusVersion
    {
        public string Status { get; init; } = "";

        public int Version { get; init; }

        public DateTimeOffset? PiiErasedAt { get; init; }
    }

    private sealed record ExpiredTrip(Guid Id, string FromStatus);
}
