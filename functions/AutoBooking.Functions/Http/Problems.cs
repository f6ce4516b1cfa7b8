using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.Functions.Http;

/// <summary>
/// RFC 9457 problem details for every error the API answers, each with a stable <c>type</c> the frontend
/// can branch on.
/// </summary>
public static class Problems
{
    private const string TypeBase = "https://autobooking.dev/problems/";

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

    /// <summary>409: no payment of the trip awaits the traveller's authentication (never did, confirmed already, or too late).</summary>
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

    /// <summary>A webhook whose signature is missing, forged, stale or whose body is not an event.</summary>
    public static IActionResult InvalidWebhook() =>
        Problem(StatusCodes.Status400BadRequest, "invalid-webhook", "The webhook could not be verified.", null);

    public static IActionResult PipelineDisabled() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "auto-booking-disabled",
            "Auto-booking is switched off right now.", "Nothing was stored. Try again later.");

    public static IActionResult IdentityProviderUnavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "identity-provider-unavailable",
            "Sign-in cannot be checked right now.", "The identity provider's signing keys are unreachable. Nothing was changed. Try again shortly.");

    private static ObjectResult Problem(int status, string type, string title, string? detail) =>
        Result(new ProblemDetails { Type = TypeBase + type, Title = title, Status = status, Detail = detail });

    private static ObjectResult Result(ProblemDetails problem)
    {
        var result = new ObjectResult(problem) { StatusCode = problem.Status };
        result.ContentTypes.Add("application/problem+json");
        return result;
    }
}
