namespace AutoBooking.Core.Trips;

/// <summary>Lifecycle of a trip request (the "watch"). Stored as lowercase text.</summary>
public enum TripStatus
{
    Draft,
    Watching,
    Paused,
    Booking,
    Booked,
    Cancelled,
    Expired,
    Failed,
}
