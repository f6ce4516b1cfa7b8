using System.Net;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Resilience;
using Npgsql;
using Polly.CircuitBreaker;
using Stripe;

namespace AutoBooking.Infrastructure.Tests;

public sealed class FailureClassifierTests
{
    public static TheoryData<string, Exception, FailureClass, bool> Cases => new()
    {
        { "Stripe 500", Stripe(HttpStatusCode.InternalServerError, "api_error", null), FailureClass.Transient, true },
        { "Stripe 503", Stripe(HttpStatusCode.ServiceUnavailable, "api_error", null), FailureClass.Transient, true },
        { "Stripe 429", Stripe(HttpStatusCode.TooManyRequests, "invalid_request_error", "rate_limit"), FailureClass.Transient, true },
        { "Stripe 409 same key in flight", Stripe(HttpStatusCode.Conflict, "invalid_request_error", "lock_timeout"), FailureClass.Transient, true },
        { "Stripe card error", Stripe(HttpStatusCode.PaymentRequired, "card_error", "card_declined"), FailureClass.Permanent, false },
        { "Stripe invalid request", Stripe(HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing"), FailureClass.Permanent, false },
        { "Stripe idempotency error", Stripe(HttpStatusCode.BadRequest, "idempotency_error", null), FailureClass.Permanent, false },
        { "Stripe unexpected state", Stripe(HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state"), FailureClass.Permanent, false },
        { "connection dropped", new HttpRequestException("reset"), FailureClass.Transient, true },
        { "HTTP 502", new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway), FailureClass.Transient, true },
        { "HTTP 403", new HttpRequestException("forbidden", null, HttpStatusCode.Forbidden), FailureClass.Permanent, false },
        { "HttpClient timeout", new TaskCanceledException("timeout", new TimeoutException()), FailureClass.Transient, true },
        { "circuit open", new BrokenCircuitException(), FailureClass.Transient, true },
        { "Postgres unreachable", new NpgsqlException("connection refused", new System.Net.Sockets.SocketException()), FailureClass.Transient, true },
        { "Postgres unique violation", new PostgresException("duplicate", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), FailureClass.Permanent, false },
        { "Postgres serialization failure", new PostgresException("retry", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure), FailureClass.Transient, true },
        // Duffel's pipeline retried these already (only requests safe to repeat): transient, but not retried again above it.
        { "Duffel 5xx after its retries", Duffel(DuffelFailureKind.ServerError), FailureClass.Transient, false },
        { "Duffel timeout", Duffel(DuffelFailureKind.Timeout), FailureClass.Transient, false },
        { "Duffel validation", Duffel(DuffelFailureKind.Validation), FailureClass.Permanent, false },
        { "a bug", new InvalidOperationException("no confirmed order"), FailureClass.Permanent, false },
        { "wrapped transient", new InvalidOperationException("outer", new HttpRequestException("reset")), FailureClass.Transient, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Failure_IsTransientOnlyWhenAnotherTryCanHelp(string name, Exception failure, FailureClass expected, bool retryStep)
    {
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(expected, FailureClassifier.Classify(failure));
        Assert.Equal(retryStep, FailureClassifier.ShouldRetryStep(failure));
    }

    private static StripeException Stripe(HttpStatusCode status, string type, string? code) =>
        new(status, new StripeError { Type = type, Code = code }, "injected");

    private static DuffelApiException Duffel(DuffelFailureKind kind) => new(0, null, "req_1", "injected", kind, null, null);
}
