using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// Duffel's error envelope: <c>{"errors":[...],"meta":{"status":422,"request_id":"..."}}</c>, the request id
/// being the response's x-request-id so a client can quote either.
/// </summary>
internal static class DuffelErrors
{
    public const string DocumentationUrl = "https://duffel.com/docs/api/overview/response-handling";

    public static IResult Reply(HttpContext context, int status, params IEnumerable<DuffelError> errors)
    {
        var array = new JsonArray();
        foreach (var error in errors)
        {
            var entry = new JsonObject
            {
                ["type"] = error.Type,
                ["title"] = error.Title,
                ["message"] = error.Message,
                ["code"] = error.Code,
                ["documentation_url"] = DocumentationUrl,
            };
            if (error.Pointer is not null)
            {
                entry["source"] = new JsonObject
                {
                    ["pointer"] = error.Pointer,
                    ["field"] = error.Pointer[(error.Pointer.LastIndexOf('/') + 1)..],
                };
            }
            array.Add(entry);
        }
        var body = new JsonObject
        {
            ["errors"] = array,
            ["meta"] = new JsonObject { ["status"] = status, ["request_id"] = RequestIds.Of(context) },
        };
        return Wire.Json(body, status);
    }

    public static IResult MissingAuthorization(HttpContext context) => Reply(context, StatusCodes.Status401Unauthorized,
        new DuffelError("authentication_error", "missing_authorization_header", "Missing authorization header",
            "The 'Authorization' header needs to be set and contain a valid API token."));

    public static IResult UnsupportedVersion(HttpContext context) => Reply(context, StatusCodes.Status400BadRequest,
        new DuffelError("invalid_request_error", "unsupported_version", "Unsupported API version",
            "The 'Duffel-Version' header must be set to a supported version: v2."));

    public static IResult NotFound(HttpContext context, string what) => Reply(context, StatusCodes.Status404NotFound,
        new DuffelError("invalid_request_error", "not_found", "Not found", $"The {what} was not found."));

    public static IResult MalformedBody(HttpContext context) => Reply(context, StatusCodes.Status400BadRequest,
        new DuffelError("invalid_request_error", "malformed_request", "Malformed request",
            "The request body is not valid JSON."));

    public static IResult OfferNoLongerAvailable(HttpContext context) => Reply(context, StatusCodes.Status422UnprocessableEntity,
        new DuffelError("invalid_request_error", "offer_no_longer_available", "Offer no longer available",
            "The offer you selected is no longer available. Please search again."));

    public static IResult PriceChanged(HttpContext context, FareQuote current) => Reply(context, StatusCodes.Status422UnprocessableEntity,
        new DuffelError("invalid_request_error", "price_changed", "Price changed",
            $"The total amount of the offer has changed to {Wire.Amount(current.Amount)} {current.Currency}. Please check the new price and pay that amount."));

    public static IResult AlreadyCancelled(HttpContext context) => Reply(context, StatusCodes.Status422UnprocessableEntity,
        new DuffelError("invalid_request_error", "already_cancelled", "Order already cancelled",
            "The order has already been cancelled."));

    public static IResult ServiceUnavailable(HttpContext context) => Reply(context, StatusCodes.Status503ServiceUnavailable,
        new DuffelError("api_error", "service_unavailable", "Service unavailable",
            "The service is temporarily unavailable. Please try again later."));

    /// <summary>A 429; the caller sets the ratelimit-* headers, which say when to try again.</summary>
    public static IResult RateLimited(HttpContext context) => Reply(context, StatusCodes.Status429TooManyRequests,
        new DuffelError("rate_limit_error", "rate_limit_exceeded", "Rate limit exceeded",
            "You have exceeded the rate limit. Please wait before making further requests."));

    public static IResult ServerError(HttpContext context) => Reply(context, StatusCodes.Status500InternalServerError,
        new DuffelError("api_error", "internal_server_error", "Internal server error",
            "An internal server error occurred. Please try again later."));
}
