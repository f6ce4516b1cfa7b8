using AutoBooking.Core.Messages;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.Infrastructure.Redis;
using AutoBooking.Infrastructure.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Pipeline;

/// <summary>
/// The search stage: one provider search for a watching trip, offers and the price observation stored,
/// and either a booking request for the chosen offer or the next check scheduled.
/// </summary>
public sealed partial class TripSearch(
    TripRepository trips, OfferRepository offers, IFlightProvider flights, StageQueues queues, PipelineSwitch pipeline, PiiProtector pii,
    SharedSearchCache sharedSearches, Infrastructure.Telemetry.AutoBookingMetrics metrics,
    IOptions<MonitorOptions> monitorOptions, IOptions<BookingOptions> bookingOptions, TimeProvider clock, ILogger<TripSearch> logger)
{
    public async Task<SearchOutcome> SearchAsync(SearchRequestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var trip = await trips.GetAsync(message.TripId, cancellationToken);
        if (trip is null || trip.TripStatus != TripStatus.Watching || !await pipeline.IsOpenAsync())
        {
            LogSkipped(logger, message.TripId, trip?.Status ?? "missing");
            return SearchOutcome.Skipped;
        }

        var runToken = Guid.NewGuid();
        var lease = TimeSpan.FromMinutes(monitorOptions.Value.ClaimLeaseMinutes);
        if (!await trips.TakeClaimAsync(trip.Id, message.ClaimToken, runToken, clock.GetUtcNow(), lease, cancellationToken))
        {
            LogSuperseded(logger, trip.Id, message.CorrelationId);
            return SearchOutcome.Superseded;
        }

        // Alternative airports, a departure window and stay lengths are covered one combination per check, in rotation.
        var planned = trip.NextSearch();
        await trips.AdvanceSearchRoundAsync(trip.Id, cancellationToken);
        var search = new FlightSearch(planned.Origin, planned.Destination, planned.DepartureDate, planned.ReturnDate,
            PassengersOf(trip, planned.FinalDate), trip.Cabin, trip.MaxConnections);
        var expiryBuffer = TimeSpan.FromMinutes(bookingOptions.Value.OfferExpiryBufferMinutes);
        var (result, shared) = await sharedSearches.SearchAsync(search, token => flights.SearchAsync(search, token), expiryBuffer, cancellationToken);
        metrics.SearchMade(shared);
        var now = clock.GetUtcNow();
        var criteria = new SelectionCriteria(trip.MaxTotal, trip.MaxConnections, expiryBuffer, trip.Filters);
        var selection = OfferSelector.Select(result.Offers.Select(o => o.Candidate), criteria, now);
        var chosenId = await offers.RecordSearchAsync(trip.Id, search, result.OfferRequestId, shared, result.Offers, selection, trip.Currency, now, message.CorrelationId, cancellationToken);

        var nextCheckAt = chosenId is null ? now.AddMinutes(monitorOptions.Value.CheckIntervalMinutes) : (DateTimeOffset?)null;
        if (!await trips.CompleteCheckAsync(trip.Id, runToken, nextCheckAt, now, cancellationToken))
        {
            // The search outlived its lease and a newer claim (or a criteria change) took over: that one decides.
            LogSuperseded(logger, trip.Id, message.CorrelationId);
            return SearchOutcome.Superseded;
        }
        if (chosenId is Guid offerId)
        {
            await queues.EnqueueBookingAsync(new BookingRequestMessage(trip.Id, offerId, message.CorrelationId), cancellationToken);
            LogBookingRequested(logger, trip.Id, offerId, message.CorrelationId);
            return SearchOutcome.BookingRequested;
        }
        LogNothingToBuy(logger, trip.Id, result.Offers.Count, message.CorrelationId);
        return SearchOutcome.NoQualifyingOffer;
    }

    /// <summary>The lead traveler then the companions, by age on the day of the last flight. Only birth dates are read.</summary>
    private IReadOnlyList<SearchPassenger> PassengersOf(TripRecord trip, DateOnly finalDate)
    {
        return PassengerMix.ForSearch(TripTravelers.Unprotect(pii, trip).Select(t => t.BornOn), finalDate);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search for trip {TripId} skipped (status {Status} or pipeline off)")]
    private static partial void LogSkipped(ILogger logger, Guid tripId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search for trip {TripId} superseded: its claim is no longer current ({CorrelationId})")]
    private static partial void LogSuperseded(ILogger logger, Guid tripId, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trip {TripId}: offer {OfferId} qualifies, booking requested ({CorrelationId})")]
    private static partial void LogBookingRequested(ILogger logger, Guid tripId, Guid offerId, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trip {TripId}: none of {OfferCount} offer(s) qualifies ({CorrelationId})")]
    private static partial void LogNothingToBuy(ILogger logger, Guid tripId, int offerCount, string correlationId);
}
