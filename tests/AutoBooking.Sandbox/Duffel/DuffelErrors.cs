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

    /// <summary>The amount paid is not the offer's (or, paying a hold, the order's) current total, which the message states.</summary>
    public static IResult PriceChanged(HttpContext context, FareQuote current, string what = "offer") => Reply(context, StatusCodes.Status422UnprocessableEntity,
        new DuffelError("invalid_request_error", "price_changed", "Price changed",
            $"The total amount of the {what} has changed to {Wire.Amount(current.Amount)} {current.Currency}. Please check the new price and pay that amount."));

    public static IResult AlreadyCancelled(HttpContext context) => Reply(context, StatusCodes.Status422UnprocessableEntity,
        new DuffelError("invalid_request_error", "already_cancelled", "Order already cancelled",
            "The order has already been cancelled."));

    /// <summary>Paying an order that needs no payment: an instant order, or a hold paid already.</summary>
    public static IResult AlreadyPaid(HttpContext context) => Reply(context, StatusCodes.Status422UnprocessableEntity,
        new DuffelError("invalid_request_error", "already_paid", "Order already paid",
            "The order has already been paid for; only a hold order awaiting payment can be paid."));

    /// <summary>
    /// Paying a hold after its <c>payment_required_by</c>: the airline released the seats. Duffel does not publish a
    /// code for this; the sandbox says <c>order_expired</c>, and the order reads as cancelled at its deadline.
    /// </summary>
    public static IResult OrderExpired(HttpContext context) => Reply(context, StatusCodes.Status422UnprocessableEntity,
        new DuffelError("invalid_request_error", "order_expired", "Order expired",
            "The order was not paid by its payment_required_by time and is no longer held. Please search again."));

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
