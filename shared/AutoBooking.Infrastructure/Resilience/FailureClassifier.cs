using System.Net;
using AutoBooking.Infrastructure.Duffel;
using Npgsql;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Stripe;

namespace AutoBooking.Infrastructure.Resilience;

/// <summary>
/// Classifies failures of the saga's calls (Postgres, Stripe, Duffel, Resend) as transient or permanent, and says
/// which are retried already below the saga, so each call is retried in exactly one layer (README "Retries").
/// </summary>
public static class FailureClassifier
{
    public static FailureClass Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            DuffelApiException duffel => duffel.Kind is DuffelFailureKind.ServerError or DuffelFailureKind.Timeout
                or DuffelFailureKind.RateLimited or DuffelFailureKind.CircuitOpen or DuffelFailureKind.Inconclusive
                ? FailureClass.Transient : FailureClass.Permanent,
            StripeException stripe => ClassifyStripe(stripe),
            // NpgsqlException.IsTransient: connection failures, timeouts, serialization failures, deadlocks, failover.
            NpgsqlException npgsql => npgsql.IsTransient ? FailureClass.Transient : FailureClass.Permanent,
            HttpRequestException http => http.StatusCode is null or >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests
                or HttpStatusCode.RequestTimeout ? FailureClass.Transient : FailureClass.Permanent,
            TimeoutException or TimeoutRejectedException or BrokenCircuitException => FailureClass.Transient,
            // HttpClient reports its own timeout as a cancellation; a caller's cancellation never reaches an activity.
            TaskCanceledException => FailureClass.Transient,
            _ when exception.InnerException is { } inner => Classify(inner),
            _ => FailureClass.Permanent,
        };
    }

    /// <summary>
    /// True when the layer below the saga retried the call already: Duffel's resilience pipeline repeats every
    /// request that is safe to repeat, and must never repeat the others (an order, a cancellation confirm).
    /// </summary>
    public static bool RetriedBelow(Exception exception) => exception is DuffelApiException;

    /// <summary>Transient and not retried below: the saga's retry policy should try the step again.</summary>
    public static bool ShouldRetryStep(Exception exception) => Classify(exception) == FailureClass.Transient && !RetriedBelow(exception);

    private static FailureClass ClassifyStripe(StripeException stripe)
    {
        // Card errors are answers, not outages; idempotency_error and invalid requests repeat the same way.
        if (stripe.StripeError?.Type is "card_error" or "idempotency_error" or "invalid_request_error"
            && stripe.HttpStatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict))
        {
            return FailureClass.Permanent;
        }
        return stripe.HttpStatusCode switch
        {
            // 409: another request with the same idempotency key is still running (Stripe's "try again").
            HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict or HttpStatusCode.RequestTimeout => FailureClass.Transient,
            >= HttpStatusCode.InternalServerError => FailureClass.Transient,
            0 => FailureClass.Transient,
            _ when stripe.InnerException is { } inner => Classify(inner),
            _ => FailureClass.Permanent,
        };
    }
}
