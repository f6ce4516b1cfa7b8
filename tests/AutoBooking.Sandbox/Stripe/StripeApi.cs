using System.Text;
using System.Text.RegularExpressions;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// Stripe's v1 API under <c>/stripe</c> (Stripe.net appends <c>/v1/...</c> to its ApiBase): PaymentIntents and
/// Customers, with Stripe's idempotency semantics. One lock serialises all Stripe calls: they are quick, and
/// it makes "check the idempotency key, act, save the reply" atomic. Besides secret keys it takes a publishable key
/// (<c>pk_test_…</c>, in the Authorization header or as Stripe.js sends it, a <c>key</c> parameter) for what Stripe
/// lets a browser do: retrieve and confirm a SetupIntent or PaymentIntent whose <c>client_secret</c> it has.
/// </summary>
internal sealed partial class StripeApi
{
    public const string Prefix = "/stripe";

    /// <summary>Where the Stripe.js stand-in posts the cardholder's 3-D Secure answer (the sandbox's own endpoint).</summary>
    public const string AuthenticationPath = "/v1/sandbox_3ds/";

    private const string PublishableItem = "sandbox.stripe_publishable_key";

    private readonly Lock gate = new();
    private readonly Dictionary<string, StoredReply> idempotency = new(StringComparer.Ordinal);
    private readonly CustomerHandlers customers;
    private readonly PaymentMethodHandlers paymentMethods;
    private readonly PaymentIntentHandlers paymentIntents;
    private readonly SetupIntentHandlers setupIntents;
    private readonly RefundHandlers refunds;

    private readonly Faults faults;
    private readonly CancellationToken stopping;

    public StripeApi(Ledger ledger, Webhooks webhooks, TimeProvider time, Faults faults, Func<string> baseUrl, CancellationToken stopping)
    {
        this.faults = faults;
        this.stopping = stopping;
        customers = new CustomerHandlers(time);
        paymentMethods = new PaymentMethodHandlers(time);
        string AuthenticationUrl(string intentId) => baseUrl() + Prefix + AuthenticationPath + intentId;
        paymentIntents = new PaymentIntentHandlers(paymentMethods, ledger, webhooks, time, AuthenticationUrl);
        setupIntents = new SetupIntentHandlers(customers, paymentMethods, ledger, webhooks, time, AuthenticationUrl);
        refunds = new RefundHandlers(paymentIntents, ledger, webhooks, time);
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapReply("POST", "/v1/payment_intents",
            context => WithFaultsAsync(StripeOperation.CreatePaymentIntent, context, () => ExecuteAsync(context, paymentIntents.Create)));
        // Before {id}: "search" is not an intent id.
        routes.MapReply("GET", "/v1/payment_intents/search",
            context => WithFaultsAsync(StripeOperation.SearchPaymentIntents, context, () => ExecuteAsync(context, paymentIntents.Search)));
        routes.MapReply("GET", "/v1/payment_intents/{id}",
            context => WithFaultsAsync(StripeOperation.RetrievePaymentIntent, context, () => ExecuteAsync(context,
                p => WithClientSecret(context, p, PaymentIntentSecret, () => paymentIntents.Retrieve(context.RouteId())))));
        routes.MapReply("POST", "/v1/payment_intents/{id}/confirm", context => ExecuteAsync(context,
            p => WithClientSecret(context, p, PaymentIntentSecret, () => paymentIntents.Confirm(context.RouteId(), p, IsPublishable(context)))));
        routes.MapReply("POST", "/v1/payment_intents/{id}/capture",
            context => WithFaultsAsync(StripeOperation.CapturePaymentIntent, context, () => ExecuteAsync(context, p => paymentIntents.Capture(context.RouteId(), p))));
        routes.MapReply("POST", "/v1/payment_intents/{id}/cancel",
            context => WithFaultsAsync(StripeOperation.CancelPaymentIntent, context, () => ExecuteAsync(context, p => paymentIntents.Cancel(context.RouteId(), p))));
        routes.MapReply("POST", "/v1/customers", context => ExecuteAsync(context, customers.Create));
        routes.MapReply("GET", "/v1/customers/{id}", context => ExecuteAsync(context, _ => customers.Retrieve(context.RouteId())));
        routes.MapReply("POST", "/v1/setup_intents", context => ExecuteAsync(context, setupIntents.Create));
        routes.MapReply("GET", "/v1/setup_intents", context => ExecuteAsync(context, setupIntents.List));
        routes.MapReply("POST", "/v1/setup_intents/{id}/cancel", context => ExecuteAsync(context, p => setupIntents.Cancel(context.RouteId(), p)));
        routes.MapReply("GET", "/v1/setup_intents/{id}", context => ExecuteAsync(context,
            p => WithClientSecret(context, p, SetupIntentSecret, () => setupIntents.Retrieve(context.RouteId()))));
        routes.MapReply("POST", "/v1/setup_intents/{id}/confirm", context => ExecuteAsync(context,
            p => WithClientSecret(context, p, SetupIntentSecret, () => setupIntents.Confirm(context.RouteId(), p, IsPublishable(context)))));
        routes.MapReply("POST", AuthenticationPath + "{id}", context => ExecuteAsync(context, p => Authenticate(context.RouteId(), p)));
        routes.MapReply("GET", "/v1/payment_methods", context => ExecuteAsync(context, paymentMethods.List));
        routes.MapReply("GET", "/v1/payment_methods/{id}", context => ExecuteAsync(context, _ => paymentMethods.Retrieve(context.RouteId())));
        routes.MapReply("POST", "/v1/payment_methods/{id}/detach",
            context => WithFaultsAsync(StripeOperation.DetachPaymentMethod, context, () => ExecuteAsync(context, _ => paymentMethods.Detach(context.RouteId()))));
        routes.MapReply("POST", "/v1/refunds", context => ExecuteAsync(context, refunds.Create));
        routes.MapUnmatched(context => Write(StripeErrors.InvalidRequest(StatusCodes.Status404NotFound,
            $"Unrecognized request URL ({context.Request.Method}: {StripePath(context.Request)}).")));
    }

    /// <summary>
    /// The customer authenticates a PaymentIntent on-session (outside the API, as Stripe.js would), under the same
    /// lock as the API calls. Null when no intent has this id.
    /// </summary>
    public LedgerPaymentIntent? CompleteAuthentication(string paymentIntentId)
    {
        lock (gate)
        {
            return paymentIntents.CompleteAuthentication(paymentIntentId)?.ToLedger();
        }
    }

    /// <summary>
    /// Every Stripe call: a Request-Id, then a test-mode key: secret (Bearer, or Basic as curl -u sends it) for
    /// anything, publishable (Bearer, or Stripe.js's <c>key</c> parameter) only for the browser's calls.
    /// </summary>
    public static async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        RequestIds.Assign(context, "Request-Id", Ids.StripeRequestId());
        var apiKey = ApiKeyOf(context.Request) ?? await KeyParameterAsync(context.Request);
        if (apiKey is not null && apiKey.StartsWith("pk_test_", StringComparison.Ordinal))
        {
            if (!IsBrowserCall(context.Request))
            {
                await Write(StripeErrors.SecretKeyRequired()).ExecuteAsync(context);
                return;
            }
            context.Items[PublishableItem] = true;
            await next(context);
            return;
        }
        if (apiKey is null)
        {
            await Write(StripeErrors.InvalidRequest(StatusCodes.Status401Unauthorized,
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').")).ExecuteAsync(context);
            return;
        }
        // Only test keys: a live key pointed at the sandbox is a configuration mistake worth failing loudly.
        if (!apiKey.StartsWith("sk_test_", StringComparison.Ordinal) && !apiKey.StartsWith("rk_test_", StringComparison.Ordinal))
        {
            await Write(StripeErrors.InvalidRequest(StatusCodes.Status401Unauthorized,
                $"Invalid API Key provided: {Mask(apiKey)}. The sandbox accepts test-mode keys (sk_test_...) only.")).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>The call came with a publishable key: from a browser, so the intent's client_secret must come too.</summary>
    private static bool IsPublishable(HttpContext context) => context.Items.ContainsKey(PublishableItem);

    /// <summary>What a publishable key may do: read or confirm one intent, and answer its 3-D Secure challenge.</summary>
    private static bool IsBrowserCall(HttpRequest request)
    {
        var path = StripePath(request);
        return HttpMethods.IsGet(request.Method) ? IntentPath().IsMatch(path)
            : HttpMethods.IsPost(request.Method) && (IntentConfirmPath().IsMatch(path) || AuthenticationRoute().IsMatch(path));
    }

    [GeneratedRegex(@"\A/v1/(?:setup_intents/seti|payment_intents/pi)_[A-Za-z0-9]+\z")]
    private static partial Regex IntentPath();

    [GeneratedRegex(@"\A/v1/(?:setup_intents/seti|payment_intents/pi)_[A-Za-z0-9]+/confirm\z")]
    private static partial Regex IntentConfirmPath();

    [GeneratedRegex(@"\A/v1/sandbox_3ds/(?:seti|pi)_[A-Za-z0-9]+\z")]
    private static partial Regex AuthenticationRoute();

    private string? PaymentIntentSecret(string id) => paymentIntents.Find(id)?.ClientSecret;

    private string? SetupIntentSecret(string id) => setupIntents.ClientSecretOf(id);

    /// <summary>
    /// A browser's call (publishable key) must carry the intent's client_secret, as Stripe requires; an unknown id is
    /// left to the handler (404). Calls with a secret key need none.
    /// </summary>
    private static StripeReply WithClientSecret(HttpContext context, StripeParams parameters, Func<string, string?> secretOf, Func<StripeReply> handler)
    {
        if (!IsPublishable(context) || secretOf(context.RouteId()) is not { } expected)
        {
            return handler();
        }
        var given = parameters.String("client_secret");
        if (given is null)
        {
            return StripeErrors.ParameterMissing("client_secret");
        }
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return context.RouteId().StartsWith("seti_", StringComparison.Ordinal)
                ? StripeErrors.ClientSecretMismatch("setup_intent", "SetupIntent")
                : StripeErrors.ClientSecretMismatch("payment_intent", "PaymentIntent");
        }
        return handler();
    }

    /// <summary>
    /// <c>POST /v1/sandbox_3ds/{intent id}</c> (<c>client_secret</c>, <c>outcome=complete|fail</c>): the cardholder's
    /// answer in the 3-D Secure dialog, for a SetupIntent or PaymentIntent in requires_action. The client secret is
    /// required whatever the key: it is what proves the caller is that intent's cardholder.
    /// </summary>
    private StripeReply Authenticate(string id, StripeParams parameters)
    {
        var isSetup = id.StartsWith("seti_", StringComparison.Ordinal);
        var expected = isSetup ? setupIntents.ClientSecretOf(id) : paymentIntents.Find(id)?.ClientSecret;
        if (expected is null)
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, isSetup ? "setup_intent" : "payment_intent", id, "intent");
        }
        if (parameters.String("client_secret") != expected)
        {
            return isSetup ? StripeErrors.ClientSecretMismatch("setup_intent", "SetupIntent") : StripeErrors.ClientSecretMismatch("payment_intent", "PaymentIntent");
        }
        var completed = parameters.String("outcome") switch
        {
            "complete" => true,
            "fail" => false,
            _ => (bool?)null,
        };
        if (completed is null)
        {
            return StripeErrors.ParameterInvalid("outcome", "outcome must be complete or fail.");
        }
        return isSetup ? setupIntents.Authenticate(id, completed.Value) : paymentIntents.Authenticate(id, completed.Value);
    }

    /// <summary>
    /// Runs a handler with Stripe's idempotency: a POST with a known key and the same endpoint and parameters
    /// gets the saved reply again (Idempotent-Replayed: true); the same key used differently is an
    /// idempotency_error. GETs ignore the key, as Stripe does.
    /// </summary>
    private async Task<IResult> ExecuteAsync(HttpContext context, Func<StripeParams, StripeReply> handler)
    {
        var parameters = await StripeParams.ReadAsync(context.Request);
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var idempotent = key.Length > 0 && HttpMethods.IsPost(context.Request.Method);
        var endpoint = context.Request.Method + " " + StripePath(context.Request);
        if (idempotent)
        {
            // Stripe echoes the key, which Stripe.net exposes as StripeResponse.IdempotencyKey.
            context.Response.Headers["Idempotency-Key"] = key;
        }
        lock (gate)
        {
            if (idempotent && idempotency.TryGetValue(key, out var stored))
            {
                if (stored.Endpoint != endpoint)
                {
                    return Write(StripeErrors.IdempotencyMismatch(key, "for the same endpoint"));
                }
                if (stored.Fingerprint != parameters.Fingerprint)
                {
                    return Write(StripeErrors.IdempotencyMismatch(key, "with the same parameters"));
                }
                context.Response.Headers["Idempotent-Replayed"] = "true";
                context.Response.Headers["Original-Request"] = stored.RequestId;
                return Wire.JsonText(stored.Body, stored.Status);
            }
            var reply = handler(parameters);
            if (idempotent && reply.IsSaved)
            {
                idempotency[key] = new StoredReply(endpoint, parameters.Fingerprint, reply.Status, reply.Json, RequestIds.Of(context));
            }
            return Write(reply);
        }
    }

    /// <summary>
    /// Applies the operation's next arranged fault: a 500 or a hang before anything happens, or the call carried out
    /// (its reply saved under the idempotency key) and then the connection dropped.
    /// </summary>
    private async Task<IResult> WithFaultsAsync(StripeOperation operation, HttpContext context, Func<Task<IResult>> handler)
    {
        if (!faults.TryTake(operation, out var fault))
        {
            return await handler();
        }
        switch (fault)
        {
            case StripeFault.ServerError:
                return Write(new StripeReply(StatusCodes.Status500InternalServerError, new System.Text.Json.Nodes.JsonObject
                {
                    ["error"] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["type"] = "api_error",
                        ["message"] = "An unknown error occurred (injected by the sandbox).",
                    },
                }));
            case StripeFault.Timeout:
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(100), hang.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Expected: the client gave up, which is the point of this fault.
                    }
                }
                return Results.Empty;
            default:
                await handler();
                context.Abort();
                return Results.Empty;
        }
    }

    /// <summary>The path as Stripe would see it, without the sandbox's /stripe prefix.</summary>
    private static string StripePath(HttpRequest request) => request.Path.Value![Prefix.Length..];

    private static IResult Write(StripeReply reply) => Wire.JsonText(reply.Json, reply.Status);

    /// <summary>Stripe.js sends its publishable key as a <c>key</c> parameter (query or form), which needs no CORS preflight.</summary>
    private static async Task<string?> KeyParameterAsync(HttpRequest request)
    {
        if (request.Query["key"].ToString() is { Length: > 0 } fromQuery)
        {
            return fromQuery;
        }
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            if (form["key"].ToString() is { Length: > 0 } fromForm)
            {
                return fromForm;
            }
        }
        return null;
    }

    private static string? ApiKeyOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var key = authorization[7..].Trim();
            return key.Length > 0 ? key : null;
        }
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                var key = decoded.Split(':')[0];
                return key.Length > 0 ? key : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }

    private static string Mask(string apiKey) => apiKey.Length <= 8 ? "****" : apiKey[..8] + "****" + apiKey[^4..];
}
