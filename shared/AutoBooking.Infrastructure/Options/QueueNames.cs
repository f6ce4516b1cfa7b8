namespace AutoBooking.Infrastructure.Options;

/// <summary>The stage queues between the monitor, search and booking functions.</summary>
public static class QueueNames
{
    public const string SearchRequests = "search-requests";
    public const string BookingRequests = "booking-requests";
}
