namespace AutoBooking.Core.Trips;

/// <summary>
/// The legal transitions of <see cref="TripStatus"/>. Storage applies them as compare-and-set updates,
/// so a transition that is not listed here can never be written.
/// </summary>
public static class TripStatusMachine
{
    private static readonly Dictionary<TripStatus, TripStatus[]> Allowed = new()
    {
        [TripStatus.Draft] = [TripStatus.Watching, TripStatus.Cancelled],
        [TripStatus.Watching] = [TripStatus.Paused, TripStatus.Booking, TripStatus.Cancelled, TripStatus.Expired],
        [TripStatus.Paused] = [TripStatus.Watching, TripStatus.Cancelled, TripStatus.Expired],
        // A booking either ends booked, goes back to watching (offer gone, order failed) or needs the traveler.
        [TripStatus.Booking] = [TripStatus.Booked, TripStatus.Watching, TripStatus.Failed],
        [TripStatus.Booked] = [],
        [TripStatus.Cancelled] = [],
        [TripStatus.Expired] = [],
        // Failed → booked: an attempt flagged for an operator turned out ticketed and paid (settled by the reconciler).
        [TripStatus.Failed] = [TripStatus.Watching, TripStatus.Cancelled, TripStatus.Booked],
    };

    public static bool CanTransition(TripStatus from, TripStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static string ToDb(this TripStatus status) => status.ToString().ToLowerInvariant();

    public static TripStatus FromDb(string value) => Enum.Parse<TripStatus>(value, ignoreCase: true);
}
