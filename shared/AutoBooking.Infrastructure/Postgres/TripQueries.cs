using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Owner-scoped reads for the API: trip lists, audit trail, price history, bookings. A trip of another owner reads as absent.</summary>
public sealed class TripQueries(NpgsqlDataSource dataSource)
{
    // Ids are UUIDv7 (time-ordered), so "newest first" is id order and the cursor is the last id seen.
    private const string ListSql = """
        select * from trip_requests
        where owner_id = @OwnerId and (@Before::uuid is null or id < @Before)
        order by id desc
        limit @Limit
        """;

    private const string EventsSql = """
        select e.id, e.kind, e.from_status, e.to_status, e.detail::text as detail, e.actor, e.correlation_id, e.occurred_at
        from trip_events e join trip_requests t on t.id = e.trip_id
        where e.trip_id = @TripId and t.owner_id = @OwnerId
        order by e.id
        limit 1000
        """;

    private const string PricesSql = """
        select p.observed_at, p.best_qualifying_amount, p.best_overall_amount, p.currency, p.offer_count
        from price_observations p join trip_requests t on t.id = p.trip_id
        where p.trip_id = @TripId and t.owner_id = @OwnerId
        order by p.id
        limit 1000
        """;

    private const string LatestSearchSql = """
        select detail::text from trip_checks where trip_id = @TripId
        """;

    private const string BestPriceSql = "select min(best_overall_amount) from price_observations where trip_id = @TripId";

    private const string BookingsSql = $"""
        select b.*, booked_offer.* from bookings b join trip_requests t on t.id = b.trip_id {BookingRecord.BookedOfferJoin}
        where t.owner_id = @OwnerId and (@Before::uuid is null or b.id < @Before)
        order by b.id desc
        limit @Limit
        """;

    private const string BookingSql = $"""
        select b.*, booked_offer.* from bookings b join trip_requests t on t.id = b.trip_id {BookingRecord.BookedOfferJoin}
        where b.id = @Id and t.owner_id = @OwnerId
        """;

    public async Task<IReadOnlyList<TripRecord>> ListAsync(string ownerId, int limit, Guid? before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var trips = await connection.QueryAsync<TripRecord>(new CommandDefinition(ListSql,
            new { OwnerId = ownerId, Before = before, Limit = limit }, cancellationToken: cancellationToken));
        return trips.ToList();
    }

    /// <summary>The trip's audit trail, or null when the owner has no such trip.</summary>
    public async Task<IReadOnlyList<TripEventRecord>?> EventsAsync(Guid tripId, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await OwnsAsync(connection, tripId, ownerId, cancellationToken))
        {
            return null;
        }
        var events = await connection.QueryAsync<TripEventRecord>(new CommandDefinition(EventsSql,
            new { TripId = tripId, OwnerId = ownerId }, cancellationToken: cancellationToken));
        return events.ToList();
    }

    /// <summary>The trip's price history, or null when the owner has no such trip.</summary>
    public async Task<IReadOnlyList<PriceObservationRecord>?> PricesAsync(Guid tripId, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await OwnsAsync(connection, tripId, ownerId, cancellationToken))
        {
            return null;
        }
        var prices = await connection.QueryAsync<PriceObservationRecord>(new CommandDefinition(PricesSql,
            new { TripId = tripId, OwnerId = ownerId }, cancellationToken: cancellationToken));
        return prices.ToList();
    }

    /// <summary>The best price seen so far and the last search's explanation (what the progress view shows).</summary>
    public async Task<(decimal? BestPrice, string? LatestSearchJson)> ProgressAsync(Guid tripId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var best = await connection.ExecuteScalarAsync<decimal?>(new CommandDefinition(BestPriceSql, new { TripId = tripId }, cancellationToken: cancellationToken));
        var latest = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(LatestSearchSql, new { TripId = tripId }, cancellationToken: cancellationToken));
        return (best, latest);
    }

    public async Task<IReadOnlyList<BookingRecord>> BookingsAsync(string ownerId, int limit, Guid? before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var bookings = await connection.QueryAsync<BookingRecord>(new CommandDefinition(BookingsSql,
            new { OwnerId = ownerId, Before = before, Limit = limit }, cancellationToken: cancellationToken));
        return bookings.ToList();
    }

    public async Task<BookingRecord?> BookingAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BookingRecord>(new CommandDefinition(BookingSql,
            new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken));
    }

    private static Task<bool> OwnsAsync(NpgsqlConnection connection, Guid tripId, string ownerId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from trip_requests where id = @TripId and owner_id = @OwnerId)",
            new { TripId = tripId, OwnerId = ownerId }, cancellationToken: cancellationToken));
}
