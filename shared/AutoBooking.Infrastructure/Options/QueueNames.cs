namespace AutoBooking.Infrastructure.Options;

/// <summary>The stage queues between the monitor, search and booking functions.</summary>
public static class QueueNames
{
    public const string SearchRequests = "search-requests";
    public const string BookingRequests = "booking-requests";

    /// <summary>Where the Functions host moves a search request after <c>maxDequeueCount</c> failed deliveries.</summary>
    public const string SearchRequestsPoison = SearchRequests + PoisonSuffix;

    /// <summary>Where the Functions host moves a booking request after <c>maxDequeueCount</c> failed deliveries.</summary>
    public const string BookingRequestsPoison = BookingRequests + PoisonSuffix;

    // The host's own naming: the queue's name followed by "-poison".
    private const string PoisonSuffix = "-poison";
}
