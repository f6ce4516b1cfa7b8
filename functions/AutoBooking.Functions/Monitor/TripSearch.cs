using System.Diagnostics;
using AutoBooking.Core.Messages;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Functions.Operations;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Redis;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace AutoBooking.Functions.Monitor;

/// <summary>
/// The search stage. A message names either a search the sweep claimed (<see cref="SearchRequestMessage.SearchKey"/>)
/// or one trip (its first check, or a trip without a search yet). Either way a distinct search is made at most once
/// per check window: the run that holds the search's claim searches (unless a result of this window is stored), stores
/// the offers once and applies them to every trip sharing the search (SearchFanOut). A trip whose search another run
/// holds waits for that result.
/// </summary>
public sealed partial class TripSearch(
    TripRepository trips, SearchRepository searches, SearchPlanner planner, SearchFanOut fanOut, IFlightProvider flights, KillSwitch killSwitch,
    ProviderRateLimiter budget, IOptions<MonitorOptions> monitorOptions, IOptions<BookingOptions> bookingOptions, TimeProvider clock, ILogger<TripSearch> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>When the budget is spent, checks wait this long (the shared window is a minute).</summary>
    private static readonly TimeSpan DeferFor = TimeSpan.FromMinutes(1);

    public async Task<SearchOutcome> SearchAsync(SearchRequestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var span = AutoBookingTracing.StartFrom("search trip", ActivityKind.Consumer, message.TraceParent)
            ?.SetTag(AutoBookingTracing.TripIdTag, message.TripId);
        if (message.SearchKey is { } key)
        {
            return await SearchSharedAsync(message, key, cancellationToken);
        }
        var trip = await trips.GetAsync(message.TripId, cancellationToken);
        if (trip is null || trip.TripStatus != TripStatus.Watching || !await killSwitch.AllowsBuyingAsync())
        {
            LogSkipped(logger, message.TripId, trip?.Status ?? "missing");
            return SearchOutcome.Skipped;
        }
        if (trip.TravelersErased)
        {
            // Nobody to search for: the trip ends instead of failing its message over and over.
            await trips.CancelErasedAsync([trip.Id], clock.GetUtcNow(), cancellationToken);
            LogSkipped(logger, message.TripId, "travelers erased");
            return SearchOutcome.Skipped;
        }
        var runToken = Guid.NewGuid();
        if (!await trips.TakeClaimAsync(trip.Id, message.ClaimToken, runToken, clock.GetUtcNow(), Lease, cancellationToken))
        {
            LogSuperseded(logger, trip.Id, message.CorrelationId);
            return SearchOutcome.Superseded;
        }
        var planned = (await planner.PlanAsync([(trip, clock.GetUtcNow(), null)], clock.GetUtcNow(), cancellationToken))[0];
        if (!await trips.SetSearchAsync(trip.Id, planned.Key, planned.Index, runToken, cancellationToken))
        {
            return SearchOutcome.Superseded;
        }
        var outcomes = await CheckTripAsync(trip.Id, planned.Key, runToken, message.CorrelationId, cancellationToken);
        if (outcomes is null)
        {
            return SearchOutcome.Deferred;
        }
        return Report(trip.Id, outcomes.TryGetValue(trip.Id, out var outcome) ? outcome : SearchOutcome.Superseded, message.CorrelationId);
    }

    /// <summary>A search the sweep claimed for its due trips: run it once (if this window has no result yet) and apply it to them all.</summary>
    private async Task<SearchOutcome> SearchSharedAsync(SearchRequestMessage message, string key, CancellationToken cancellationToken)
    {
        if (!await killSwitch.AllowsBuyingAsync())
        {
            LogSkipped(logger, message.TripId, "kill switch on");
            return SearchOutcome.Skipped;
        }
        var runToken = Guid.NewGuid();
        var search = await searches.TakeAsync(key, message.ClaimToken, runToken, clock.GetUtcNow(), Lease, cancellationToken);
        if (search is null)
        {
            LogSuperseded(logger, message.TripId, message.CorrelationId);
            return SearchOutcome.Superseded;
        }
        var outcomes = await RunAsync(search, runToken, message.ClaimToken, message.TripId, [message.ClaimToken!.Value, runToken], null, message.CorrelationId, cancellationToken);
        return outcomes is null ? SearchOutcome.Deferred
            : outcomes.Count == 0 ? SearchOutcome.Superseded
            : outcomes.Values.Contains(SearchOutcome.BookingRequested) ? SearchOutcome.BookingRequested : SearchOutcome.NoQualifyingOffer;
    }

    /// <summary>
    /// One trip's check: search (or reuse this window's result) under the search's claim, or wait for the run holding
    /// it. Null when the provider search budget is spent (the trip was deferred).
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, SearchOutcome>?> CheckTripAsync(
        Guid tripId, string key, Guid runToken, string correlationId, CancellationToken cancellationToken)
    {
        var monitor = monitorOptions.Value;
        var waitUntil = clock.GetUtcNow().AddSeconds(monitor.SharedSearchWaitSeconds);
        while (true)
        {
            var search = await searches.TakeAsync(key, null, runToken, clock.GetUtcNow(), Lease, cancellationToken);
            if (search is not null)
            {
                return await RunAsync(search, runToken, null, tripId, [runToken], null, correlationId, cancellationToken);
            }
            // Another run is making this very search: use its result when it lands, or search for this trip alone after a while.
            var current = await searches.GetAsync(key, cancellationToken);
            if (current is not null && current.ClaimToken is null && IsFresh(current))
            {
                return await fanOut.ApplyAsync(current, await StoredResultAsync(current, cancellationToken), null, [runToken], tripId, correlationId,
                    cancellationToken);
            }
            if (clock.GetUtcNow() >= waitUntil)
            {
                LogWaitedInVain(logger, tripId);
                if (!await budget.TryAcquireSearchAsync(cancellationToken))
                {
                    await DeferAsync(key, [runToken], cancellationToken);
                    return null;
                }
                var own = await flights.SearchAsync(current!.ToFlightSearch(), cancellationToken);
                return await fanOut.ApplyAsync(current, own, tripId, [runToken], tripId, correlationId, cancellationToken);
            }
            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Under the search's claim: the stored result of this window, or one provider search stored once; then applied to
    /// the sharing trips. On failure the claim goes back to <paramref name="restoreToken"/> so the message's retry can take it.
    /// Null when the provider search budget is spent: the trips are released and due again shortly.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, SearchOutcome>?> RunAsync(
        SearchRecord search, Guid runToken, Guid? restoreToken, Guid initiator, IReadOnlyList<Guid> tokens, Guid? onlyTrip, string correlationId,
        CancellationToken cancellationToken)
    {
        try
        {
            FlightSearchResult result;
            Guid? searchedFor = null;
            if (IsFresh(search))
            {
                result = await StoredResultAsync(search, cancellationToken);
            }
            else if (!await budget.TryAcquireSearchAsync(cancellationToken))
            {
                await DeferAsync(search.Key, tokens, cancellationToken);
                await searches.ReleaseAsync(search.Key, runToken, null, CancellationToken.None);
                return null;
            }
            else
            {
                result = await flights.SearchAsync(search.ToFlightSearch(), cancellationToken);
                await searches.StoreResultAsync(search.Key, result, clock.GetUtcNow(), cancellationToken);
                searchedFor = initiator;
            }
            var outcomes = await fanOut.ApplyAsync(search, result, searchedFor, tokens, onlyTrip, correlationId, cancellationToken);
            await searches.ReleaseAsync(search.Key, runToken, null, CancellationToken.None);
            return outcomes;
        }
        catch
        {
            await searches.ReleaseAsync(search.Key, runToken, restoreToken, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// A stored result serves this check when sharing is on, it is younger than the check interval (and
    /// Monitor:SharedSearchSeconds), and none of its offers is about to stop being buyable.
    /// </summary>
    private bool IsFresh(SearchRecord search)
    {
        var monitor = monitorOptions.Value;
        var now = clock.GetUtcNow();
        var maxAge = TimeSpan.FromSeconds(Math.Min(monitor.SharedSearchSeconds, monitor.CheckIntervalMinutes * 60));
        return search.SearchedAt is { } at && now - at < maxAge
            && (search.OffersExpireAt is not { } expires || expires - TimeSpan.FromMinutes(bookingOptions.Value.OfferExpiryBufferMinutes) > now);
    }

    private async Task DeferAsync(string key, IReadOnlyList<Guid> tokens, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await trips.DeferAsync(key, tokens, now + DeferFor, now, cancellationToken);
        LogDeferred(logger, key[..12]);
    }

    private async Task<FlightSearchResult> StoredResultAsync(SearchRecord search, CancellationToken cancellationToken) =>
        new(search.OfferRequestId ?? "", await searches.OffersAsync(search.Key, cancellationToken));

    private TimeSpan Lease => TimeSpan.FromMinutes(monitorOptions.Value.ClaimLeaseMinutes);

    private SearchOutcome Report(Guid tripId, SearchOutcome outcome, string correlationId)
    {
        if (outcome == SearchOutcome.BookingRequested)
        {
            LogBookingRequested(logger, tripId, correlationId);
        }
        else if (outcome == SearchOutcome.NoQualifyingOffer)
        {
            LogNothingToBuy(logger, tripId, correlationId);
        }
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search for trip {TripId} skipped (status {Status} or the kill switch is on)")]
    private static partial void LogSkipped(ILogger logger, Guid tripId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search for trip {TripId} superseded: its claim is no longer current ({CorrelationId})")]
    private static partial void LogSuperseded(ILogger logger, Guid tripId, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trip {TripId}: an offer qualifies, booking requested ({CorrelationId})")]
    private static partial void LogBookingRequested(ILogger logger, Guid tripId, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trip {TripId}: no offer qualifies ({CorrelationId})")]
    private static partial void LogNothingToBuy(ILogger logger, Guid tripId, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider search budget spent: search {SearchKey} deferred")]
    private static partial void LogDeferred(ILogger logger, string searchKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trip {TripId}: an identical search did not finish in time; searching separately")]
    private static partial void LogWaitedInVain(ILogger logger, Guid tripId);
}
