using System.Net;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>An unexpected Duffel answer. Keeps Duffel's request id for support.</summary>
public sealed class DuffelApiException(HttpStatusCode status, string? code, string? requestId, string message)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string? Code { get; } = code;

    public string? RequestId { get; } = requestId;
}
