using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;
using Microsoft.Extensions.Options;


namespace AutoBooking.Functions.Monitor;

/// <summary>
/// Which search a trip's check makes, and its key. Rotation over alternative airports, dates and stays follows the
/// check window (counted from the rotation set's anchor), so trips with the same airports and dates search the same
/// combination in the same window and share it; extra checks inside one window still move on (never backwards).
/// </summary>
public sealed class SearchPlanner(SearchRepository searches, PiiProtector pii, IOptions<MonitorOptions> options)
{
    /// <summary>
    /// Plans the check of each trip at its time; <c>Previous</c> is the rotation index of its last check (null: none yet).
    /// Anchors and search rows are looked up and written once per distinct rotation set and search.
    /// </summary>
    public async Task<IReadOnlyList<PlannedCheck>> PlanAsync(
        IReadOnlyList<(TripRecord Trip, DateTimeOffset At, int? Previous)> checks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var window = TimeSpan.FromMinutes(options.Value.CheckIntervalMinutes);
        var anchors = new Dictionary<string, long>();
        var written = new HashSet<string>();
        var planned = new List<PlannedCheck>(checks.Count);
        foreach (var (trip, at, previous) in checks)
        {
            var windowIndex = CheckWindow.Index(at, window);
            var index = 0;
            if (Combinations(trip) > 1)
            {
                var rotation = trip.RotationKey;
                if (!anchors.TryGetValue(rotation, out var anchor))
                {
                    anchor = anchors[rotation] = await searches.AnchorAsync(rotation, windowIndex, cancellationToken);
                }
                index = CheckWindow.RotationIndex(windowIndex, anchor, previous);
            }
            var combination = trip.SearchAt(index);
            var search = new FlightSearch(combination.Origin, combination.Destination, combination.DepartureDate, combination.ReturnDate,
                PassengerMix.ForSearch(TripTravelers.Unprotect(pii, trip).Select(t => t.BornOn), combination.FinalDate), trip.Cabin, trip.MaxConnections);
            var key = SearchKey.For(search);
            if (written.Add(key))
            {
                await searches.UpsertAsync(key, search, now, cancellationToken);
            }
            planned.Add(new PlannedCheck(key, index, search));
        }
        return planned;
    }

    private static long Combinations(TripRecord trip) => SearchPlan.Count(1 + trip.AdditionalOrigins.Length, 1 + trip.AdditionalDestinations.Length,
        trip.DepartureDate, trip.LatestDepartureDate ?? trip.DepartureDate, trip.ReturnStay);
}
