using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Appends to the audit trail inside the caller's transaction. Details must never carry PII.</summary>
internal static class TripEvents
{
    /// <summary>
    /// The actor of the traveler's own changes. Stored in every trip's history and shown by the history API, so it
    /// keeps the spelling it was first written with.
    /// </summary>
    public const string TravelerActor = "traveller";

    private const string InsertSql = """
        insert into trip_events (trip_id, kind, from_status, to_status, detail, correlation_id, actor, occurred_at)
        values (@TripId, @Kind, @FromStatus, @ToStatus, cast(@Detail as jsonb), @CorrelationId, @Actor, @At)
        """;

    public static Task AppendAsync(
        DbConnection connection, DbTransaction? transaction, Guid tripId, string kind, DateTimeOffset at,
        string actor, string? correlationId, string? fromStatus = null, string? toStatus = null, object? detail = null) =>
        connection.ExecuteAsync(InsertSql, new
        {
            TripId = tripId,
            Kind = kind,
            FromStatus = fromStatus,
            ToStatus = toStatus,
            Detail = detail is null ? null : JsonSerializer.Serialize(detail),
            CorrelationId = correlationId,
            Actor = actor,
            At = at,
        }, transaction);
}
