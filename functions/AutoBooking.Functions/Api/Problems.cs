using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.Functions.Api;

/// <summary>
/// RFC 9457 problem details for every error the API answers, each with a stable <c>type</c> the frontend
/// can branch on.
/// </summary>
public static class Problems
{
    private const string TypeBase = "https://autobooking.dev/problems/";

    /// <summary>The name of the <see cref="DiagnosticListener"/> every problem is announced on.</summary>
    public const string DiagnosticName = "AutoBooking.Problems";

    /// <summary>The event carrying the <see cref="ObjectResult"/> about to be answered.</summary>
    public const string AnsweredEvent = "ProblemAnswered";

    /// <summary>
    /// Every 4xx and 5xx the API makes is built here, so in-process observers (the test suite's scan of every 4xx
    /// body for type names and framework text) see each one as it is answered. Costs nothing without a subscriber.
    /// </summary>
    private static readonly DiagnosticListener Diagnostics = new(DiagnosticName);

    /// <summary>
    /// 400 with <c>errors</c> keyed by the field: a JSON pointer into the body (RFC 6901: <c>/traveler/givenName</c>,
    /// <c>/companions/0/bornOn</c>, "" for the whole body), or the name of a query parameter or header
    /// (<c>limit</c>, <c>Idempotency-Key</c>), which never starts with "/".
    /// </summary>
    public static IActionResult Validation(IDictionary<string, string[]> errors) =>
        Result(new ValidationProblemDetails(errors)
        {
            Type = TypeBase + "validation",
            Title = "The request is not valid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = "See errors for the offending fields.",
        });

    /// <summary>400: the body is not JSON this endpoint reads; <c>pointer</c> names the offending field ("" for the whole body).</summary>
    public static IActionResult MalformedJson(string detail, string jsonPointer)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + "malformed-json",
            Title = "The request body is not valid JSON for this endpoint.",
            Status = StatusCodes.Status400BadRequest,
            Detail = detail,
        };
        problem.Extensions["pointer"] = jsonPointer;
        return Result(problem);
    }

    public static IActionResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", "A valid bearer token is required.", null);

    public static IActionResult Forbidden() =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "This needs the operator role.", null);

    /// <summary>An operator action the attempt's facts do not allow (409), with the reason a machine can branch on.</summary>
    public static IActionResult OperatorConflict(string reason, string detail)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + "operator-conflict",
            Title = "The attempt's facts do not allow this.",
            Status = StatusCodes.Status409Conflict,
            Detail = detail,
        };
        problem.Extensions["reason"] = reason;
        return Result(problem);
    }

    /// <summary>A provider needed for the action could not be asked (503); nothing was changed.</summary>
    public static IActionResult ProviderUnavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "provider-unavailable", "A provider could not be reached.", detail);

    public static IActionResult NotFound() =>
        Problem(StatusCodes.Status404NotFound, "not-found", "No such resource.", null);

    public static IActionResult PayloadTooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.", $"The limit is {limit} bytes.");

    public static IActionResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the body as application/json (UTF-8).", null);

    /// <summary>409: the trip's status does not allow this; the body says which status it is in.</summary>
    public static IActionResult IllegalTransition(string currentStatus)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + "illegal-transition",
            Title = "The trip's status does not allow this.",
            Status = StatusCodes.Status409Conflict,
            Detail = $"The trip is {currentStatus}.",
        };
        problem.Extensions["currentStatus"] = currentStatus;
        return Result(problem);
    }

    /// <summary>409: the trip's travelers were removed under the retention policy, so it cannot be watched again.</summary>
    public static IActionResult PersonalDataErased(string currentStatus)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + "personal-data-erased",
            Title = "The trip's travelers were removed under the retention policy.",
            Status = StatusCodes.Status409Conflict,
            Detail = "Create a new trip to watch this route again.",
        };
        problem.Extensions["currentStatus"] = currentStatus;
        return Result(problem);
    }

    /// <summary>
    /// 409: an erasure of the caller's personal data (<c>DELETE /api/me</c>) is under way or has just finished, so
    /// nothing of this request is kept (a create that committed just before it was cancelled and anonymised with the rest).
    /// </summary>
    public static IActionResult ErasureInProgress() =>
        Problem(StatusCodes.Status409Conflict, "erasure-in-progress", "Your personal data is being erased.",
            "Nothing of this request was kept. Once the erasure has finished you can start afresh; "
            + "an erasure that answered 503 finishes when you retry DELETE /api/me.");

    /// <summary>409: no payment of the trip awaits the traveler's authentication (never did, confirmed already, or too late).</summary>
    public static IActionResult NoPaymentAction(string currentStatus)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + "no-payment-action",
            Title = "No payment awaits your confirmation.",
            Status = StatusCodes.Status409Conflict,
            Detail = $"The trip is {currentStatus}.",
        };
        problem.Extensions["currentStatus"] = currentStatus;
        return Result(problem);
    }

    public static IActionResult VersionMismatch() =>
        Problem(StatusCodes.Status412PreconditionFailed, "version-mismatch",
            "The trip changed since you read it.", "Read it again and retry with its current ETag in If-Match.");

    public static IActionResult ActiveTripLimit(int limit) =>
        Problem(StatusCodes.Status409Conflict, "active-trip-limit", "Too many active trip requests.",
            $"At most {limit} trip requests can be active at once; cancel one first.");

    public static IActionResult TravelerLimit(int limit) =>
        Problem(StatusCodes.Status409Conflict, "traveler-limit", "Too many traveler profiles.",
            $"At most {limit} traveler profiles per account; delete one first.");

    public static IActionResult PaymentMethodLimit(int limit) =>
        Problem(StatusCodes.Status409Conflict, "payment-method-limit", "Too many saved cards.",
            $"At most {limit} saved cards per account; remove one first.");

    /// <summary>422: the Idempotency-Key was used before with another request; nothing was stored.</summary>
    public static IActionResult IdempotencyKeyReused() =>
        Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "This Idempotency-Key was used with another request.",
            "Send a new key for a new request; a retry must repeat the first request exactly.");

    /// <summary>A webhook whose signature is missing, forged, stale or whose body is not an event.</summary>
    public static IActionResult InvalidWebhook() =>
        Problem(StatusCodes.Status400BadRequest, "invalid-webhook", "The webhook could not be verified.", null);

    public static IActionResult PipelineDisabled() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "auto-booking-disabled",
            "Auto-booking is switched off right now.", "Nothing was stored. Try again later.");

    public static IActionResult IdentityProviderUnavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "identity-provider-unavailable",
            "Sign-in cannot be checked right now.", "The identity provider's signing keys are unreachable. Nothing was changed. Try again shortly.");

    /// <summary>409 to an erasure while a booking is in flight: nothing was erased; the booking settles first.</summary>
    public static IActionResult BookingInFlight(int retryAfterSeconds)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + "booking-in-flight",
            Title = "A booking is in progress.",
            Status = StatusCodes.Status409Conflict,
            Detail = "Nothing was erased. A booking of yours is still being completed (money may be held); "
                + "retry once it has settled, usually within minutes.",
        };
        problem.Extensions["retryAfterSeconds"] = retryAfterSeconds;
        return Result(problem);
    }

    private static ObjectResult Problem(int status, string type, string title, string? detail) =>
        Result(new ProblemDetails { Type = TypeBase + type, Title = title, Status = status, Detail = detail });

    private static ObjectResult Result(ProblemDetails problem)
    {
        var result = new ObjectResult(problem) { StatusCode = problem.Status };
        result.ContentTypes.Add("application/problem+json");
        if (Diagnostics.IsEnabled(AnsweredEvent))
        {
            Diagnostics.Write(AnsweredEvent, result);
        }
        return result;
    }
}
