using System.Text.Json;
using AutoBooking.Core.Ports;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Distinct searches: their rows, claims (a conditional update decides who searches), and their offers, stored
/// once per search however many trips share it.
/// </summary>
public sealed class SearchRepository(NpgsqlDataSource dataSource)
{
    private const string UpsertSql = """
        insert into searches (key, origin, destination, departure_date, return_date, cabin, max_connections, passenger_mix, created_at)
        values (@Key, @Origin, @Destination, @DepartureDate, @ReturnDate, @Cabin, @MaxConnections, @PassengerMix, @Now)
        on conflict (key) do nothing
        """;

    private const string AnchorSql = """
        insert into search_rotations (rotation_key, anchor_window) values (@RotationKey, @Window)
        on conflict (rotation_key) do update set anchor_window = search_rotations.anchor_window
        returning anchor_window
        """;

    // Taken when the caller presents the current claim, or (no token) when nobody holds a live one.
    private const string TakeSql = """
        update searches set claim_token = @RunToken, lease_until = @LeaseUntil
        where key = @Key
          and (claim_token = @Token or (@Token is null and (claim_token is null or lease_until <= @Now)))
        returning *
        """;

    // Done: the claim is cleared. Failed: it goes back to the message's token, so the message's retry may take it again.
    private const string ReleaseSql = """
        update searches set claim_token = @Restore, lease_until = case when @Restore is null then null else lease_until end
        where key = @Key and claim_token = @RunToken
        """;

    private const string SelectSql = "select * from searches where key = @Key";

    private const string DeleteOffersSql = "delete from search_offers where search_key = @Key";

    private const string InsertOffersSql = """
        insert into search_offers (search_key, provider_offer_id, position, total_amount, currency, expires_at, max_stops, offer, raw, seen_at)
        select @Key, u.id, u.position, u.amount, u.currency, u.expires, u.stops, cast(u.offer as jsonb), cast(u.raw as jsonb), @Now
        from unnest(@Ids, @Positions, @Amounts, @Currencies, @Expires, @Stops, @Offers, @Raws)
            as u(id, position, amount, currency, expires, stops, offer, raw)
        on conflict (search_key, provider_offer_id) do nothing
        """;

    private const string MarkSearchedSql = """
        update searches set searched_at = @Now, offer_request_id = @OfferRequestId, offers_expire_at = @ExpiresAt, offer_count = @Count,
            search_count = search_count + 1
        where key = @Key
        """;

    private const string SelectOffersSql = """
        select offer::text as offer, coalesce(raw::text, '{}') as raw from search_offers where search_key = @Key order by position
        """;

    public async Task UpsertAsync(string key, FlightSearch search, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
        {
            Key = key, search.Origin, search.Destination, search.DepartureDate, search.ReturnDate, search.Cabin, search.MaxConnections,
            PassengerMix = SearchRecord.MixOf(search), Now = now,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>The window a rotation set started in (set by its first trip; every later trip of the set rotates in step with it).</summary>
    public async Task<long> AnchorAsync(string rotationKey, long window, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(AnchorSql, new { RotationKey = rotationKey, Window = window },
            cancellationToken: cancellationToken));
    }

    /// <summary>Takes the search's claim for <paramref name="runToken"/>; null when another run holds it (or the token is stale).</summary>
    public async Task<SearchRecord?> TakeAsync(string key, Guid? token, Guid runToken, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SearchRecord>(new CommandDefinition(TakeSql,
            new { Key = key, Token = token, RunToken = runToken, Now = now, LeaseUntil = now + lease }, cancellationToken: cancellationToken));
    }

    /// <summary>Ends the run's claim: cleared, or handed back to <paramref name="restore"/> (the claim the run took over).</summary>
    public async Task ReleaseAsync(string key, Guid runToken, Guid? restore, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, new { Key = key, RunToken = runToken, Restore = restore },
            cancellationToken: cancellationToken));
    }

    public async Task<SearchRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SearchRecord>(new CommandDefinition(SelectSql, new { Key = key }, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the search's offers with this result's, once for every trip that shares it.</summary>
    public async Task StoreResultAsync(string key, FlightSearchResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var offers = result.Offers;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(DeleteOffersSql, new { Key = key }, transaction);
        await connection.ExecuteAsync(InsertOffersSql, new
        {
            Key = key,
            Now = now,
            Ids = offers.Select(o => o.Candidate.ProviderOfferId).ToArray(),
            Positions = Enumerable.Range(0, offers.Count).ToArray(),
            Amounts = offers.Select(o => o.Candidate.Total.Amount).ToArray(),
            Currencies = offers.Select(o => o.Candidate.Total.Currency).ToArray(),
            Expires = offers.Select(o => o.Candidate.ExpiresAt).ToArray(),
            Stops = offers.Select(o => o.Candidate.MaxStops).ToArray(),
            Offers = offers.Select(o => JsonSerializer.Serialize(new StoredOffer(o.Candidate, o.PassengerIds))).ToArray(),
            Raws = offers.Select(o => o.RawJson).ToArray(),
        }, transaction);
        await connection.ExecuteAsync(MarkSearchedSql, new
        {
            Key = key,
            Now = now,
            result.OfferRequestId,
            ExpiresAt = offers.Count == 0 ? (DateTimeOffset?)null : offers.Min(o => o.Candidate.ExpiresAt),
            offers.Count,
        }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The offers the search's last run stored.</summary>
    public async Task<IReadOnlyList<ProviderOffer>> OffersAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Offer, string Raw)>(new CommandDefinition(SelectOffersSql, new { Key = key }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => JsonSerializer.Deserialize<StoredOffer>(r.Offer)!).Zip(rows, (o, r) => new ProviderOffer(o.Candidate, o.PassengerIds, r.Raw))];
    }

    private sealed record StoredOffer(Core.Offers.OfferCandidate Candidate, IReadOnlyList<string> PassengerIds);
}
