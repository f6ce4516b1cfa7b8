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
            duration_minutes, carriers, passenger_ids, passenger_types, raw, first_seen_at, last_seen_at)
        values (@Id, @TripId, @ProviderOfferId, @TotalAmount, @Currency, @ExpiresAt, @MaxStops,
            @DurationMinutes, @Carriers, @PassengerIds, @PassengerTypes, cast(@Raw as jsonb), @Now, @Now)
        on conflict (trip_id, provider_offer_id) do update
            set total_amount = excluded.total_amount, expires_at = excluded.expires_at, last_seen_at = excluded.last_seen_at
        returning id
        """;

    private const string InsertObservationSql = """
        insert into price_observations (trip_id, observed_at, best_qualifying_amount, best_overall_amount, currency, offer_count)
        values (@TripId, @Now, @BestQualifying, @BestOverall, @Currency, @OfferCount)
        """;

    private const string SelectSql = "select * from offers where id = @Id";

    /// <summary>
    /// Stores the search's offers and its price observation in one transaction; returns our id of the chosen
    /// offer, if selection chose one. <paramref name="search"/> is what was searched (no PII: airports, dates and
    /// passenger types); <paramref name="shared"/>, whether the provider search was another trip's identical one.
    /// </summary>
    public async Task<Guid?> RecordSearchAsync(
        Guid tripId, FlightSearch search, string offerRequestId, bool shared, IReadOnlyList<ProviderOffer> offers, OfferSelection selection, string currency,
        DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(offers);
        var passengerTypes = search.Passengers.Select(Core.Trips.PassengerMix.TypeOf).ToArray();
        ArgumentNullException.ThrowIfNull(selection);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid? chosenId = null;
        foreach (var offer in offers)
        {
            var candidate = offer.Candidate;
            var id = await connection.ExecuteScalarAsync<Guid>(UpsertSql, new
            {
                Id = Guid.CreateVersion7(now),
                TripId = tripId,
                candidate.ProviderOfferId,
                TotalAmount = candidate.Total.Amount,
                candidate.Total.Currency,
                candidate.ExpiresAt,
                candidate.MaxStops,
                DurationMinutes = (int)candidate.TotalDuration.TotalMinutes,
                Carriers = candidate.Carriers.ToArray(),
                PassengerIds = offer.PassengerIds.ToArray(),
                PassengerTypes = passengerTypes,
                Raw = offer.RawJson,
                Now = now,
            }, transaction);
            if (ReferenceEquals(candidate, selection.Chosen))
            {
                chosenId = id;
            }
        }
        await connection.ExecuteAsync(InsertObservationSql, new
        {
            TripId = tripId,
            Now = now,
            BestQualifying = selection.Chosen?.Total.Amount,
            BestOverall = selection.BestOverall?.Total.Amount,
            Currency = currency,
            OfferCount = offers.Count,
        }, transaction);
        await TripEvents.AppendAsync(connection, transaction, tripId, "search_completed", now, "monitor", correlationId,
            detail: new
            {
                offers = offers.Count,
                qualifying = selection.QualifyingCount,
                bestOverall = selection.BestOverall?.Total.Amount,
                chosen = selection.Chosen?.Total.Amount,
                why = selection.Explanation,
                searched = new { search.Origin, search.Destination, search.DepartureDate, search.ReturnDate, passengers = passengerTypes },
                offerRequestId,
                shared,
            });
        await transaction.CommitAsync(cancellationToken);
        return chosenId;
    }

    public async Task<OfferRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OfferRecord>(
            new CommandDefinition(SelectSql, new { Id = id }, cancellationToken: cancellationToken));
    }
}
