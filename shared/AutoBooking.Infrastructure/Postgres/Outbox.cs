using System.Data.Common;
using AutoBooking.Core.Booking;
using AutoBooking.Core.Trips;
using Dapper;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Writes a traveler email into the outbox inside the caller's transaction, so the email exists exactly when the
/// state change that causes it does. Once per dedupe key: a replayed state change (a retried activity, a
/// redelivered webhook) adds nothing.
/// </summary>
internal static class Outbox
{
    private const string InsertSql = """
        insert into outbox_messages (id, kind, dedupe_key, trip_id, attempt_id, booking_id, provider_event_id, status,
            next_attempt_at, created_at)
        values (@Id, @Kind, @DedupeKey, @TripId, @AttemptId, @BookingId, @ProviderEventId, 'pending', @Now, @Now)
        on conflict (dedupe_key) do nothing
        """;

    /// <summary>
    /// Which email an attempt that ends without a booking owes the traveler: "we are checking" when it needs attention;
    /// the failure when they must act (the trip fails) or when they were told we were checking (the outcome they wait
    /// for); none when we simply keep watching.
    /// </summary>
    public static OutboxKind? ForEnd(AttemptStatus before, AttemptStatus after, TripStatus? tripTo) => after switch
    {
        AttemptStatus.NeedsAttention => OutboxKind.AttemptUnderReview,
        AttemptStatus.Failed when tripTo == TripStatus.Failed || before == AttemptStatus.NeedsAttention => OutboxKind.BookingFailed,
        _ => null,
    };

    /// <summary>An attempt's email (one per attempt and kind); the rows added (0 or 1).</summary>
    public static Task<int> EnqueueForAttemptAsync(DbConnection connection, DbTransaction transaction, OutboxKind kind, Guid tripId,
        Guid attemptId, DateTimeOffset now, Guid? bookingId = null) =>
        InsertAsync(connection, transaction, kind, OutboxKinds.KeyFor(kind, attemptId), tripId, attemptId, bookingId, null, now);

    /// <summary>An email caused by a provider's event about a booking (one per event); the rows added (0 or 1).</summary>
    public static Task<int> EnqueueForProviderEventAsync(DbConnection connection, DbTransaction transaction, OutboxKind kind,
        BookingRecord booking, string providerEventId, DateTimeOffset now) =>
        InsertAsync(connection, transaction, kind, OutboxKinds.KeyFor(kind, providerEventId), booking.TripId, booking.AttemptId, booking.Id,
            providerEventId, now);

    private static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, OutboxKind kind, string dedupeKey, Guid tripId,
        Guid? attemptId, Guid? bookingId, string? providerEventId, DateTimeOffset now) =>
        connection.ExecuteAsync(InsertSql, new
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind.ToDb(),
            DedupeKey = dedupeKey,
            TripId = tripId,
            AttemptId = attemptId,
            BookingId = bookingId,
            ProviderEventId = providerEventId,
            Now = now,
        }, transaction);
}
