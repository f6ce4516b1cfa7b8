using AutoBooking.Core.Messages;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.Infrastructure.Security;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace AutoBooking.Functions.Monitor;

/// <summary>
/// Applies one search result to every trip that shares the search, each with its own criteria and selection
/// (OfferSelector), written in a few set-based statements; then requests a booking for each trip whose offer
/// qualifies. The booking re-prices that offer for that trip before any money moves (BookTripOrchestrator).
/// A trip's travelers' identity documents (type and expiry only) are decrypted only when some offer of the result
/// requires documents: one small decryption per such trip and check.
/// </summary>
public sealed partial class SearchFanOut(
    TripRepository trips, OfferRepository offers, SearchPlanner planner, StageQueues queues, AutoBookingMetrics metrics, PiiProtector pii,
    IOptions<MonitorOptions> monitorOptions, IOptions<BookingOptions> bookingOptions, TimeProvider clock, ILogger<SearchFanOut> logger)
{
    /// <summary>
    /// Applies <paramref name="result"/> of <paramref name="search"/> to the trips on it held by one of <paramref name="tokens"/>
    /// (only <paramref name="onlyTrip"/> when given). <paramref name="searchedFor"/>: the trip the provider search was made
    /// for, if one was made now (its check is not shared); a result just fetched also goes to every sharing trip nobody
    /// holds, due or not, so a new fare is seen by all of them within one check. Returns each applied trip's outcome.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, SearchOutcome>> ApplyAsync(
        SearchRecord search, FlightSearchResult result, Guid? searchedFor, IReadOnlyList<Guid> tokens, Guid? onlyTrip, string correlationId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(result);
        var sharing = (await trips.SharingAsync(search.Key, tokens, searchedFor is not null && onlyTrip is null, cancellationToken)).Where(t => onlyTrip is null || t.Id == onlyTrip).ToList();
        // A trip whose travelers are gone cannot be checked (nor planned: its passengers are unknown); it is ended.
        var erased = sharing.Where(t => t.TravelersErased).Select(t => t.Id).ToList();
        if (erased.Count > 0)
        {
            await trips.CancelErasedAsync(erased, clock.GetUtcNow(), cancellationToken);
            sharing.RemoveAll(t => erased.Contains(t.Id));
        }
        var monitor = monitorOptions.Value;
        var now = clock.GetUtcNow();
        var expiryBuffer = TimeSpan.FromMinutes(bookingOptions.Value.OfferExpiryBufferMinutes);
        var candidates = result.Offers.Select(o => o.Candidate).ToList();
        var needsDocuments = candidates.Any(c => c.TermsOrUnknown.DocumentsRequired);
        var selections = sharing.Select(trip => OfferSelector.Select(candidates,
            new SelectionCriteria(trip.MaxTotal, trip.MaxConnections, expiryBuffer, trip.Filters, needsDocuments ? DocumentsOf(trip) : null), now)).ToList();
        // A trip that buys is looked at again after the lease if its booking never starts; the others when their cadence says.
        var nextAts = sharing.Select((trip, i) => selections[i].Chosen is null ? now + Cadence(trip, selections[i], now) : now.AddMinutes(monitor.ClaimLeaseMinutes))
            .ToList();
        // The rotation moves one window on from this check whatever the trip's own cadence, so trips of one rotation set
        // checked together plan the same next combination (they stay in step).
        var rotationAt = now.AddMinutes(monitor.CheckIntervalMinutes);
        var next = await planner.PlanAsync([.. sharing.Select(trip => (trip, rotationAt, (int?)trip.SearchRound))], now, cancellationToken);
        var checks = sharing.Select((trip, i) => new TripCheck(trip.Id, selections[i],
            result.Offers.FirstOrDefault(o => ReferenceEquals(o.Candidate, selections[i].Chosen)), trip.Id != searchedFor, trip.Currency,
            next[i].Key, next[i].Index, nextAts[i], correlationId)).ToList();

        var applied = await offers.RecordChecksAsync(search.Key, search.ToFlightSearch(), result.OfferRequestId, result.Offers.Count, checks, tokens, now,
            cancellationToken);
        foreach (var check in checks.Where(c => applied.ContainsKey(c.TripId)))
        {
            metrics.SearchMade(check.Shared);
        }
        var bookings = applied.Where(a => a.Value is not null).Select(a => new BookingRequestMessage(a.Key, a.Value!.Value, correlationId)).ToList();
        await Parallel.ForEachAsync(bookings, new ParallelOptions { MaxDegreeOfParallelism = monitor.EnqueueConcurrency, CancellationToken = cancellationToken },
            async (booking, token) => await queues.EnqueueBookingAsync(booking, token));
        LogApplied(logger, applied.Count, bookings.Count, result.Offers.Count, correlationId);
        return applied.ToDictionary(a => a.Key, a => a.Value is null ? SearchOutcome.NoQualifyingOffer : SearchOutcome.BookingRequested);
    }

    /// <summary>
    /// Checks one trip may make over its whole watch: its share of the look-to-book allowance (counted as if every check
    /// were a search of its own, which sharing makes a generous overestimate of its cost).
    /// </summary>
    public static int TripCheckBudget(MonitorOptions monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return Math.Max(1, monitor.LookToBookAllowance * monitor.ExpectedBookingPercent / 100);
    }

    /// <summary>Each traveler's document facts, lead first (trips without travelers were ended above).</summary>
    private IReadOnlyList<TravelDocument?>? DocumentsOf(TripRecord trip) => [.. TripTravelers.Unprotect(pii, trip).Select(t => t.DocumentFacts)];

    /// <summary>The trip's next interval from its departure, how close this check's best fare came, how fast fares move, and its budget.</summary>
    private TimeSpan Cadence(TripRecord trip, OfferSelection selection, DateTimeOffset now)
    {
        var monitor = monitorOptions.Value;
        var best = selection.BestOverall?.Total.Amount;
        var move = best is decimal price && trip.LastBestOverall is decimal last && last > 0 ? (price - last) / last : (decimal?)null;
        var departure = new DateTimeOffset(trip.DepartureDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return CheckCadence.Next(new CadenceInput(TimeSpan.FromMinutes(monitor.CheckIntervalMinutes), departure - now, best, trip.MaxTotalAmount, move,
            trip.ChecksMade, TripCheckBudget(monitor)));
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Search result applied to {TripCount} trip(s), {BookingCount} booking request(s), {OfferCount} offer(s) ({CorrelationId})")]
    private static partial void LogApplied(ILogger logger, int tripCount, int bookingCount, int offerCount, string correlationId);
}
