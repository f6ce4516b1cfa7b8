using AutoBooking.Core.Messages;
using AutoBooking.Core.Trips;
using AutoBooking.Functions.Http;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.Infrastructure.Security;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Pipeline;

/// <summary>What the trip endpoints do, behind the HTTP adapters.</summary>
public sealed partial class TripApi(
    TripRepository trips, StageQueues queues, PiiProtector pii, TimeProvider clock, ILogger<TripApi> logger)
{
    /// <summary>Stores the trip (traveler encrypted) and enqueues its first search.</summary>
    public async Task<Guid> CreateAsync(NewTrip trip, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trip);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await trips.CreateAsync(id, trip, pii.Protect(trip.Traveler), now, correlationId, cancellationToken);
        // If this send is lost, the sweep finds the trip at its first next_check_at.
        await queues.EnqueueSearchAsync(new SearchRequestMessage(id, correlationId), cancellationToken);
        LogCreated(logger, id, correlationId);
        return id;
    }

    public async Task<TripResponse?> GetAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        var found = await trips.GetForOwnerAsync(id, ownerId, cancellationToken);
        if (found is not var (trip, booking, hasOffers))
        {
            return null;
        }
        return new TripResponse(
            trip.Id,
            trip.Status,
            TripStage.For(trip.TripStatus, hasOffers),
            trip.Origin,
            trip.Destination,
            trip.DepartureDate,
            trip.Cabin,
            trip.MaxConnections,
            new MoneyResponse(trip.MaxTotalAmount, trip.Currency),
            trip.TripStatus == TripStatus.Watching ? trip.NextCheckAt : null,
            trip.CreatedAt,
            booking is null ? null : new BookingResponse(booking.Id, booking.BookingReference, booking.TicketNumbers,
                new MoneyResponse(booking.Amount, booking.Currency), booking.Status, booking.CreatedAt));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trip {TripId} created ({CorrelationId})")]
    private static partial void LogCreated(ILogger logger, Guid tripId, string correlationId);
}
