namespace AutoBooking.Infrastructure.Duffel;

/// <summary>What kind of Duffel failure a <see cref="DuffelApiException"/> reports, so callers and logs can tell them apart.</summary>
public enum DuffelFailureKind
{
    /// <summary>Any other unexpected answer (401, 403, an unknown 4xx).</summary>
    Other,

    /// <summary>422 validation_error: our request was wrong; repeating it will not help.</summary>
    Validation,

    /// <summary>404 not_found on a resource other than an offer or order (those are typed results).</summary>
    NotFound,

    /// <summary>The offer expired or was withdrawn by the airline.</summary>
    OfferGone,

    /// <summary>429: wait <see cref="DuffelApiException.RetryAfter"/> (from <c>ratelimit-reset</c>) before trying again.</summary>
    RateLimited,

    /// <summary>5xx after the retries a safe request is allowed.</summary>
    ServerError,

    /// <summary>No answer within Duffel:TimeoutSeconds (per attempt), or the connection failed.</summary>
    Timeout,

    /// <summary>Our circuit breaker is open after repeated failures: the request was not sent.</summary>
    CircuitOpen,

    /// <summary>A search for an order by attempt scanned as many pages as it may without reaching the end.</summary>
    Inconclusive,
}
