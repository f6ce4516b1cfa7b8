using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>Stripe's error envelope: <c>{"error":{"type":"card_error","code":"card_declined",...}}</c>.</summary>
internal static class StripeErrors
{
    public static StripeReply InvalidRequest(int status, string message, string? code = null, string? param = null) =>
        new(status, Envelope(Error("invalid_request_error", message, code, param)));

    public static StripeReply ParameterMissing(string param) =>
        InvalidRequest(StatusCodes.Status400BadRequest, $"Missing required param: {param}.", "parameter_missing", param);

    public static StripeReply ParameterInvalid(string param, string message, string? code = null) =>
        InvalidRequest(StatusCodes.Status400BadRequest, message, code, param);

    /// <summary>
    /// An id that does not exist: 404 when it is the resource in the path, 400 when a parameter refers to it
    /// (e.g. an unknown <c>payment_method</c> on create), as Stripe answers.
    /// </summary>
    public static StripeReply ResourceMissing(int status, string kind, string id, string param) =>
        InvalidRequest(status, $"No such {kind}: '{id}'", "resource_missing", param);

    public static StripeReply UnexpectedState(string message, JsonObject paymentIntent)
    {
        var error = Error("invalid_request_error", message, "payment_intent_unexpected_state", null);
        error["payment_intent"] = paymentIntent;
        return new StripeReply(StatusCodes.Status400BadRequest, Envelope(error));
    }

    /// <summary>A 402: the card was refused. Carries the PaymentIntent, as Stripe's does.</summary>
    public static StripeReply CardError(CardOutcome outcome, string? paymentMethod, string? chargeId, JsonObject paymentIntent)
    {
        var error = Card(outcome, paymentMethod);
        error["charge"] = chargeId;
        error["payment_intent"] = paymentIntent;
        return new StripeReply(StatusCodes.Status402PaymentRequired, Envelope(error));
    }

    /// <summary>
    /// A 402 from confirming a SetupIntent from the browser with a card Stripe refuses; carries the SetupIntent.
    /// </summary>
    public static StripeReply SetupCardError(CardOutcome outcome, string? paymentMethod, JsonObject setupIntent)
    {
        var error = Card(outcome, paymentMethod);
        error["setup_intent"] = setupIntent;
        return new StripeReply(StatusCodes.Status402PaymentRequired, Envelope(error));
    }

    /// <summary>A browser call with the wrong client secret for the intent (publishable-key calls must carry the right one).</summary>
    public static StripeReply ClientSecretMismatch(string kind, string displayName) => InvalidRequest(StatusCodes.Status400BadRequest,
        $"The client_secret provided does not match the client_secret associated with the {displayName}.", kind + "_invalid_parameter", "client_secret");

    /// <summary>What Stripe answers a publishable key used for anything but the browser's few calls.</summary>
    public static StripeReply SecretKeyRequired() => InvalidRequest(StatusCodes.Status401Unauthorized,
        "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
        "secret_key_required");

    /// <summary>The last_payment_error / last_setup_error a failed 3-D Secure authentication leaves.</summary>
    public static JsonObject AuthenticationFailure(string code, string message, string? paymentMethod)
    {
        var error = Error("invalid_request_error", message, code, null);
        error["payment_method"] = paymentMethod is null ? null : new JsonObject { ["id"] = paymentMethod, ["object"] = "payment_method", ["type"] = "card" };
        return error;
    }

    public static StripeReply IdempotencyMismatch(string key, string why) => new(StatusCodes.Status400BadRequest, Envelope(Error(
        "idempotency_error",
        $"Keys for idempotent requests can only be used {why} they were first used with. Try using a key other than '{key}' if you meant to execute a different request.",
        null,
        null)));

    /// <summary>The card_error object, also stored on the PaymentIntent as last_payment_error.</summary>
    public static JsonObject Card(CardOutcome outcome, string? paymentMethod)
    {
        var error = Error("card_error", outcome.Message, outcome.Code, null);
        error["decline_code"] = outcome.DeclineCode;
        error["payment_method"] = paymentMethod is null ? null : new JsonObject { ["id"] = paymentMethod, ["object"] = "payment_method", ["type"] = "card" };
        return error;
    }

    private static JsonObject Error(string type, string message, string? code, string? param) => new()
    {
        ["type"] = type,
        ["code"] = code,
        ["message"] = message,
        ["param"] = param,
        ["doc_url"] = code is null ? null : "https://stripe.com/docs/error-codes/" + code.Replace('_', '-'),
        ["request_log_url"] = null,
    };

    private static JsonObject Envelope(JsonObject error) => new() { ["error"] = error };
}
