using System.Net;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>An unexpected Duffel answer or a transport failure. Keeps Duffel's request id (x-request-id) for support.</summary>
public sealed class DuffelApiException : Exception
{
    public DuffelApiException(HttpStatusCode status, string? code, string? requestId, string message)
        : this(status, code, requestId, message, KindOf(status, code), null, null)
    {
    }

    public DuffelApiException(
        HttpStatusCode status, string? code, string? requestId, string message, DuffelFailureKind kind, TimeSpan? retryAfter, Exception? innerException)
        : base(message, innerException)
    {
        Status = status;
        Code = code;
        RequestId = requestId;
        Kind = kind;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status, or 0 when no answer arrived (timeout, connection failure, open circuit).</summary>
    public HttpStatusCode Status { get; }

    public string? Code { get; }

    public string? RequestId { get; }

    public DuffelFailureKind Kind { get; }

    /// <summary>For <see cref="DuffelFailureKind.RateLimited"/>: how long until Duffel's rate-limit window resets.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Classifies an HTTP answer by status and Duffel's error code.</summary>
    public static DuffelFailureKind KindOf(HttpStatusCode status, string? code) => (int)status switch
    {
        429 => DuffelFailureKind.RateLimited,
        >= 500 => DuffelFailureKind.ServerError,
        _ when code is "offer_no_longer_available" or "offer_expired" => DuffelFailureKind.OfferGone,
        404 => DuffelFailureKind.NotFound,
        422 or 400 => DuffelFailureKind.Validation,
        _ => DuffelFailureKind.Other,
    };
}
