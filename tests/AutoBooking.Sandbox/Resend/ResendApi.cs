using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Resend;

/// <summary>
/// Resend's REST API under <c>/resend</c>: send an email (with Idempotency-Key: the same key and body give
/// the same id and no second email; the same key with another body is a 409) and retrieve it.
/// </summary>
internal sealed partial class ResendApi(Ledger ledger, Faults faults, TimeProvider time)
{
    public const string Prefix = "/resend";

    private const int MaxRecipients = 50;
    private const int MaxIdempotencyKeyLength = 256;

    private readonly Lock gate = new();
    private readonly Dictionary<string, LedgerEmail> emails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (JsonNode Body, string EmailId)> idempotency = new(StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapReply("POST", "/emails", SendAsync);
        routes.MapReply("GET", "/emails/{id}", Retrieve);
        routes.MapUnmatched(_ => ResendErrors.Reply(StatusCodes.Status404NotFound, "not_found", "The requested endpoint does not exist."));
    }

    /// <summary>Every Resend call needs an API key (re_...).</summary>
    public static async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var apiKey = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        if (apiKey.Length == 0)
        {
            await ResendErrors.Reply(StatusCodes.Status401Unauthorized, "missing_api_key", "Missing API key in the authorization header")
                .ExecuteAsync(context);
            return;
        }
        if (!apiKey.StartsWith("re_", StringComparison.Ordinal))
        {
            await ResendErrors.Reply(StatusCodes.Status403Forbidden, "invalid_api_key", "API key is invalid").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private async Task<IResult> SendAsync(HttpContext context)
    {
        if (faults.TryTakeEmailFault(out var fault))
        {
            if (fault == ResendFault.ServerError)
            {
                return ResendErrors.Reply(StatusCodes.Status500InternalServerError, "internal_server_error", "An unexpected error occurred.");
            }
            if (fault == ResendFault.ValidationError)
            {
                return ResendErrors.Validation("The `to` field is invalid: the recipient address was rejected.");
            }
            // Resend's 429: retry-after in whole seconds, and its ratelimit-* headers.
            var seconds = (int)Math.Ceiling(faults.RateLimitReset.TotalSeconds);
            context.Response.Headers["retry-after"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["ratelimit-limit"] = "2";
            context.Response.Headers["ratelimit-remaining"] = "0";
            context.Response.Headers["ratelimit-reset"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ResendErrors.Reply(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded",
                "Too many requests. You can only make 2 requests per second. See rate limit response headers for more information.");
        }
        if (await JsonRead.BodyAsync(context.Request) is not JsonObject body)
        {
            return ResendErrors.Validation("The request body must be a JSON object.");
        }
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (context.Request.Headers.ContainsKey("Idempotency-Key") && key.Length is 0 or > MaxIdempotencyKeyLength)
        {
            return ResendErrors.Reply(StatusCodes.Status400BadRequest, "invalid_idempotency_key",
                $"The key must be between 1-{MaxIdempotencyKeyLength} chars.");
        }
        if (Validate(body) is { } problem)
        {
            return ResendErrors.Validation(problem);
        }

        lock (gate)
        {
            if (key.Length > 0 && idempotency.TryGetValue(key, out var earlier))
            {
                return JsonNode.DeepEquals(earlier.Body, body)
                    ? Sent(earlier.EmailId)
                    : ResendErrors.Reply(StatusCodes.Status409Conflict, "invalid_idempotent_request",
                        "Same idempotency key used with a different request payload. Change your idempotency key or payload.");
            }
            var email = new LedgerEmail(
                Guid.NewGuid().ToString(),
                JsonRead.String(body["from"])!,
                Addresses(body["to"]),
                JsonRead.String(body["subject"])!,
                JsonRead.String(body["html"]),
                JsonRead.String(body["text"]),
                key.Length > 0 ? key : null,
                Tags(body["tags"]),
                time.UtcNowToSecond());
            emails[email.Id] = email;
            if (key.Length > 0)
            {
                idempotency[key] = (body.DeepClone(), email.Id);
            }
            ledger.Record(email);
            return Sent(email.Id);
        }
    }

    private IResult Retrieve(HttpContext context)
    {
        LedgerEmail? email;
        lock (gate)
        {
            email = emails.GetValueOrDefault(context.RouteId());
        }
        if (email is null)
        {
            return ResendErrors.Reply(StatusCodes.Status404NotFound, "not_found", "Email not found");
        }
        return Wire.Json(new JsonObject
        {
            ["object"] = "email",
            ["id"] = email.Id,
            ["from"] = email.From,
            ["to"] = new JsonArray([.. email.To.Select(t => JsonValue.Create(t))]),
            ["subject"] = email.Subject,
            ["html"] = email.Html,
            ["text"] = email.Text,
            ["created_at"] = Wire.Timestamp(email.CreatedAt),
            ["last_event"] = "delivered",
        }, StatusCodes.Status200OK);
    }

    private static IResult Sent(string emailId) => Wire.Json(new JsonObject { ["id"] = emailId }, StatusCodes.Status200OK);

    /// <summary>The first problem with a send request, in Resend's words, or null when it can be sent.</summary>
    private static string? Validate(JsonObject body)
    {
        var from = JsonRead.String(body["from"]);
        if (string.IsNullOrWhiteSpace(from))
        {
            return "Missing `from` field.";
        }
        if (!EmailAddress.IsValid(from))
        {
            return "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";
        }
        if (body["to"] is null)
        {
            return "Missing `to` field.";
        }
        if (AddressProblem(body["to"], "to", required: true) is { } toProblem)
        {
            return toProblem;
        }
        foreach (var field in new[] { "cc", "bcc", "reply_to" })
        {
            if (body[field] is not null && AddressProblem(body[field], field, required: false) is { } problem)
            {
                return problem;
            }
        }
        if (string.IsNullOrWhiteSpace(JsonRead.String(body["subject"])))
        {
            return "Missing `subject` field.";
        }
        if (JsonRead.String(body["html"]) is null && JsonRead.String(body["text"]) is null)
        {
            return "Missing `html` or `text` field.";
        }
        return TagProblem(body["tags"]);
    }

    private static string? AddressProblem(JsonNode? node, string field, bool required)
    {
        var addresses = Addresses(node);
        if (addresses.Count == 0)
        {
            return required ? $"Missing `{field}` field." : $"Invalid `{field}` field.";
        }
        if (addresses.Count > MaxRecipients)
        {
            return $"Too many recipients in `{field}`: at most {MaxRecipients}.";
        }
        var invalid = addresses.FirstOrDefault(a => !EmailAddress.IsValid(a));
        return invalid is null ? null : $"Invalid `{field}` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";
    }

    /// <summary>Resend tags: names and values of ASCII letters, digits, underscores and dashes only.</summary>
    private static string? TagProblem(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonArray tags)
        {
            return "Invalid `tags` field: an array of {name, value}.";
        }
        foreach (var tag in tags)
        {
            var name = JsonRead.String(tag?["name"]);
            var value = JsonRead.String(tag?["value"]);
            if (name is null || !TagText().IsMatch(name) || (tag?["value"] is not null && (value is null || !TagText().IsMatch(value))))
            {
                return "Tags should only contain ASCII letters, numbers, underscores, or dashes.";
            }
        }
        return null;
    }

    /// <summary>A single address or an array of them; anything else reads as none.</summary>
    private static List<string> Addresses(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(JsonRead.String).OfType<string>().ToList(),
        _ when JsonRead.String(node) is { } single => [single],
        _ => [],
    };

    private static Dictionary<string, string> Tags(JsonNode? node)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in node as JsonArray ?? [])
        {
            if (JsonRead.String(tag?["name"]) is { } name)
            {
                tags[name] = JsonRead.String(tag?["value"]) ?? "";
            }
        }
        return tags;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagText();
}
