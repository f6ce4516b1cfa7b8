namespace AutoBooking.Sandbox;

/// <summary>How the next Duffel call of an operation goes wrong; see <see cref="Faults.FailNext"/>.</summary>
public enum DuffelFault
{
    /// <summary>422 <c>offer_no_longer_available</c>; nothing happens.</summary>
    OfferNoLongerAvailable,

    /// <summary>500 <c>api_error</c>; nothing happens.</summary>
    ServerError,

    /// <summary>No answer until the client gives up (or 100 s pass); nothing happens.</summary>
    Timeout,

    /// <summary>The call IS carried out (an order created, a hold paid, a cancellation confirmed), then the connection is dropped: the caller cannot tell.</summary>
    LostResponse,

    /// <summary>503 <c>service_unavailable</c> (a transient outage); nothing happens.</summary>
    ServiceUnavailable,

    /// <summary>429 <c>rate_limit_exceeded</c> with <c>ratelimit-reset</c> <see cref="Faults.RateLimitReset"/> from now; nothing happens.</summary>
    RateLimited,

    /// <summary>
    /// Order creation only: Duffel checks the order as usual, then answers 202 Accepted (taken, not yet confirmed) and
    /// the airline fails to create it. No ticket is sold, the offer stays on sale, and when webhooks are on an
    /// <c>order.creation_failed</c> event follows, carrying the order's metadata.
    /// </summary>
    AcceptedThenFailed,
}
