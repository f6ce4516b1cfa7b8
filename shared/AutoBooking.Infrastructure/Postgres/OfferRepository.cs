using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Offers seen by searches and the price history they make.</summary>
public sealed class OfferRepository(NpgsqlDataSource dataSource)
{
    private const string UpsertSql = """
        insert into offers (id, trip_id, provider_offer_id, total_amount, currency, expires_at, max_stops,
            duration_minutes, carriers, passenger_ids, passenger_types, raw, terms, first_seen_at, last_seen_at)
        values (@Id, @TripId, @ProviderOfferId, @TotalAmount, @Currency, @ExpiresAt, @MaxStops,
            @DurationMinutes, @Carriers, @PassengerIds, @PassengerTypes, cast(@Raw as jsonb), cast(@Terms as jsonb), @Now, @Now)
        on conflict (trip_id, provider_offer_id) do update
            set total_amount = excluded.total_amount, expires_at = excluded.expires_at, terms = excluded.terms,
                last_seen_at = excluded.last_seen_at
        returning id
        """;

    private const string SelectSql = "select * from offers where id = @Id";

    // The fan-out's write, set-based: only trips still watching, still on this search and not claimed by another run
    // take the result; each gets its next search and check time, then its latest check, a price row when prices moved and an
    // audit event when its verdict changed.
    private const string ApplyChecksSql = """
        update trip_requests t set search_key = u.next_key, search_round = u.next_round, next_check_at = u.next_at,
            claim_token = null, checks_made = checks_made + 1, updated_at = @Now
        from unnest(@Ids, @NextKeys, @NextRounds, @NextAts) as u(id, next_key, next_round, next_at)
        where t.id = u.id and t.status = 'watching' and t.search_key = @Key and (t.claim_token is null or t.claim_token = any(@Tokens))
        returning t.id
        """;

    // Price history is compact: a check adds a row only when what it saw differs from the trip's last row (best
    // qualifying and overall price, currency, offer count). The last row stands for every check since; checks_made counts them.
    private const string InsertObservationsSql = """
        insert into price_observations (trip_id, observed_at, best_qualifying_amount, best_overall_amount, currency, offer_count)
        select u.id, @Now, u.qualifying, u.overall, u.currency, @OfferCount
        from unnest(@Ids, @Qualifying, @Overall, @Currencies) as u(id, qualifying, overall, currency)
        where not exists (
            select 1 from (
                select p.best_qualifying_amount, p.best_overall_amount, p.currency, p.offer_count from price_observations p
                where p.trip_id = u.id order by p.observed_at desc, p.id desc limit 1) last
            where last.best_qualifying_amount is not distinct from u.qualifying and last.best_overall_amount is not distinct from u.overall
              and last.currency = u.currency and last.offer_count = @OfferCount)
        """;

    // A trip's latest check is one row, rewritten in place (trip_checks). The audit trail gets a search_completed event
    // only when the check's verdict differs from the trip's last one (the first check always does), carrying how many
    // checks the trip has made; checks that change nothing but prices live in checks_made and price_observations.
    private const string RecordLatestChecksSql = """
        with prev as (
            select c.trip_id, c.verdict from trip_checks c where c.trip_id = any(@Ids)
        ), events as (
            insert into trip_events (trip_id, kind, detail, correlation_id, actor, occurred_at)
            select u.id, 'search_completed', cast(u.detail as jsonb) || jsonb_build_object('checks', t.checks_made), u.correlation_id, 'monitor', @Now
            from unnest(@Ids, @Verdicts, @Details, @CorrelationIds) as u(id, verdict, detail, correlation_id)
            join trip_requests t on t.id = u.id
            left join prev on prev.trip_id = u.id
            where prev.verdict is distinct from u.verdict
        )
        insert into trip_checks (trip_id, verdict, detail, checked_at)
        select u.id, u.verdict, cast(u.detail as jsonb), @Now from unnest(@Ids, @Verdicts, @Details) as u(id, verdict, detail)
        on conflict (trip_id) do update set verdict = excluded.verdict, detail = excluded.detail, checked_at = excluded.checked_at
        """;

    /// <summary>
    /// Applies one search result to the trips that share it, in one transaction and a few set-based statements.
    /// Returns the trips it applied to, with our id of the offer chosen for each (null when none qualified).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Guid?>> RecordChecksAsync(
        string key, FlightSearch search, string offerRequestId, int offerCount, IReadOnlyList<TripCheck> checks, IReadOnlyList<Guid> tokens,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(checks);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var applied = (await connection.QueryAsync<Guid>(ApplyChecksSql, new
        {
            Key = key,
            Now = now,
            Tokens = tokens.ToArray(),
            Ids = checks.Select(c => c.TripId).ToArray(),
            NextKeys = checks.Select(c => c.NextSearchKey).ToArray(),
            NextRounds = checks.Select(c => c.NextRound).ToArray(),
            NextAts = checks.Select(c => c.NextCheckAt).ToArray(),
        }, transaction)).ToHashSet();
        var done = checks.Where(c => applied.Contains(c.TripId)).ToList();
        await connection.ExecuteAsync(InsertObservationsSql, new
        {
            Now = now,
            OfferCount = offerCount,
            Ids = done.Select(c => c.TripId).ToArray(),
            Qualifying = done.Select(c => c.Selection.Chosen?.Total.Amount).ToArray(),
            Overall = done.Select(c => c.Selection.BestOverall?.Total.Amount).ToArray(),
            Currencies = done.Select(c => c.Currency).ToArray(),
        }, transaction);
        var passengerTypes = search.Passengers.Select(Core.Trips.PassengerMix.TypeOf).ToArray();
        await connection.ExecuteAsync(RecordLatestChecksSql, new
        {
            Now = now,
            Ids = done.Select(c => c.TripId).ToArray(),
            Verdicts = done.Select(c => VerdictOf(offerCount, c.Selection)).ToArray(),
            Details = done.Select(c => System.Text.Json.JsonSerializer.Serialize(new
            {
                offers = offerCount,
                qualifying = c.Selection.QualifyingCount,
                bestOverall = c.Selection.BestOverall?.Total.Amount,
                chosen = c.Selection.Chosen?.Total.Amount,
                why = c.Selection.Explanation,
                chosenFacts = c.Selection.Chosen is { } chosen ? OfferFacts.Of(chosen) : null,
                searched = new { search.Origin, search.Destination, search.DepartureDate, search.ReturnDate, passengers = passengerTypes },
                offerRequestId,
                shared = c.Shared,
            })).ToArray(),
            CorrelationIds = done.Select(c => c.CorrelationId).ToArray(),
        }, transaction);
        var result = new Dictionary<Guid, Guid?>();
        foreach (var check in done)
        {
            result[check.TripId] = check.Chosen is { } chosen
                ? await connection.ExecuteScalarAsync<Guid>(UpsertSql, OfferRow(check.TripId, chosen, passengerTypes, now), transaction)
                : null;
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>What a check concluded, in the words trip_checks.verdict uses; a new verdict is a trip event.</summary>
    public static string VerdictOf(int offerCount, OfferSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return offerCount == 0 ? "no_offers" : selection.QualifyingCount > 0 ? "qualifying" : "none_qualifying";
    }

    private static object OfferRow(Guid tripId, ProviderOffer offer, string[] passengerTypes, DateTimeOffset now) => new
    {
        Id = Guid.CreateVersion7(now),
        TripId = tripId,
        offer.Candidate.ProviderOfferId,
        TotalAmount = offer.Candidate.Total.Amount,
        offer.Candidate.Total.Currency,
        offer.Candidate.ExpiresAt,
        offer.Candidate.MaxStops,
        DurationMinutes = (int)offer.Candidate.TotalDuration.TotalMinutes,
        Carriers = offer.Candidate.Carriers.ToArray(),
        PassengerIds = offer.PassengerIds.ToArray(),
        PassengerTypes = passengerTypes,
        Raw = offer.RawJson,
        Terms = offer.Candidate.Terms is { } terms ? OfferRecord.SerializeTerms(terms) : null,
        Now = now,
    };

    public async Task<OfferRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OfferRecord>(
            new CommandDefinition(SelectSql, new { Id = id }, cancellationToken: cancellationToken));
    }
}
