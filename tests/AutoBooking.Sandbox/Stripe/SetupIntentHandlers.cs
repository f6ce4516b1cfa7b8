using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// SetupIntents: create (for a customer, usage off_session by default), retrieve, list (by customer), cancel (while not
/// yet succeeded), and confirm with a payment method, which saves the card and attaches it to the customer. In real life the frontend confirms with
/// Stripe.js; tests confirm server-side with a test method (<c>pm_card_visa</c>), which Stripe also allows, and the
/// card is saved at once. From the browser (publishable key, card details) the card is checked as Stripe checks it:
/// declining cards are refused, and cards that need 3-D Secure wait in requires_action for the cardholder.
/// Runs under <see cref="StripeApi"/>'s lock.
/// </summary>
internal sealed class SetupIntentHandlers(
    CustomerHandlers customers, PaymentMethodHandlers paymentMethods, Ledger ledger, Webhooks webhooks, TimeProvider time, Func<string, string> authenticationUrl)
{
    private static readonly string[] Usages = ["off_session", "on_session"];
    private static readonly string[] CancellableStatuses = ["requires_payment_method", "requires_confirmation", "requires_action"];
    private static readonly string[] CancellationReasons = ["abandoned", "requested_by_customer", "duplicate"];

    private readonly Dictionary<string, JsonObject> intents = new(StringComparer.Ordinal);

    public StripeReply Create(StripeParams parameters)
    {
        var customer = parameters.String("customer");
        if (customer is not null && !customers.Exists(customer))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status400BadRequest, "customer", customer, "customer");
        }
        var usage = parameters.String("usage") ?? "off_session";
        if (!Usages.Contains(usage))
        {
            return StripeErrors.ParameterInvalid("usage", "Invalid usage: must be one of off_session or on_session");
        }
        var metadata = new JsonObject();
        foreach (var (key, value) in parameters.Hash("metadata"))
        {
            metadata[key] = value;
        }
        var id = Ids.Stripe("seti");
        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "setup_intent",
            ["client_secret"] = id + "_secret_" + Ids.Secret(),
            ["created"] = time.UtcNowToSecond().ToUnixTimeSeconds(),
            ["customer"] = customer,
            ["description"] = parameters.String("description"),
            ["last_setup_error"] = null,
            ["livemode"] = false,
            ["metadata"] = metadata,
            ["next_action"] = null,
            ["payment_method"] = null,
            ["payment_method_types"] = new JsonArray("card"),
            ["status"] = "requires_payment_method",
            ["usage"] = usage,
        };
        Save(intent);
        var paymentMethod = parameters.String("payment_method");
        return parameters.Bool("confirm") == true && paymentMethod is not null ? Confirm(id, paymentMethod) : StripeReply.Ok((JsonObject)intent.DeepClone());
    }

    public StripeReply Retrieve(string id) =>
        intents.TryGetValue(id, out var intent)
            ? StripeReply.Ok((JsonObject)intent.DeepClone())
            : StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "setup_intent", id, "intent");

    /// <summary><c>GET /v1/setup_intents</c>: newest first, optionally one customer's, <c>limit</c> 1–100 (default 10).</summary>
    public StripeReply List(StripeParams parameters)
    {
        var customer = parameters.String("customer");
        var limit = parameters.Long("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            return StripeErrors.ParameterInvalid("limit", "This value must be greater than or equal to 1 and less than or equal to 100.");
        }
        var matching = intents.Values
            .Where(i => customer is null || i["customer"]?.GetValue<string>() == customer)
            .OrderByDescending(i => i["created"]!.GetValue<long>())
            .ToList();
        var data = new JsonArray();
        foreach (var intent in matching.Take((int)limit))
        {
            data.Add(intent.DeepClone());
        }
        return StripeReply.Ok(new JsonObject { ["object"] = "list", ["url"] = "/v1/setup_intents", ["has_more"] = matching.Count > limit, ["data"] = data });
    }

    /// <summary><c>POST /v1/setup_intents/{id}/cancel</c>: only before it succeeded (or was canceled), as Stripe allows.</summary>
    public StripeReply Cancel(string id, StripeParams parameters)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "setup_intent", id, "intent");
        }
        var reason = parameters.String("cancellation_reason");
        if (reason is not null && !CancellationReasons.Contains(reason))
        {
            return StripeErrors.ParameterInvalid("cancellation_reason", "Invalid cancellation_reason: must be one of abandoned, requested_by_customer or duplicate");
        }
        if (!CancellableStatuses.Contains(intent["status"]!.GetValue<string>()))
        {
            return StripeErrors.InvalidRequest(StatusCodes.Status400BadRequest,
                $"You cannot cancel this SetupIntent because it has a status of {intent["status"]}.", "setup_intent_unexpected_state");
        }
        intent["status"] = "canceled";
        intent["cancellation_reason"] = reason;
        Save(intent);
        return StripeReply.Ok((JsonObject)intent.DeepClone());
    }

    /// <summary>The intent's client secret, or null when no SetupIntent has this id.</summary>
    public string? ClientSecretOf(string id) => intents.TryGetValue(id, out var intent) ? intent["client_secret"]!.GetValue<string>() : null;

    /// <summary>
    /// <c>POST /v1/setup_intents/{id}/confirm</c> with a <c>payment_method</c> id or, from the browser
    /// (<paramref name="clientSide"/>), card details as Stripe.js sends them.
    /// </summary>
    public StripeReply Confirm(string id, StripeParams parameters, bool clientSide)
    {
        if (clientSide && TestCardNumbers.IsPresent(parameters))
        {
            return ConfirmCard(id, parameters);
        }
        var paymentMethod = parameters.String("payment_method");
        if (paymentMethod is null)
        {
            return StripeErrors.ParameterMissing("payment_method");
        }
        return clientSide ? ConfirmFromBrowser(id, paymentMethod) : Confirm(id, paymentMethod);
    }

    /// <summary>
    /// The cardholder's answer to 3-D Secure (the Stripe.js stand-in posts it): completed, the card is attached and the
    /// intent succeeds; failed, the intent needs a payment method again (<c>setup_intent_authentication_failure</c>).
    /// Each sends the webhook Stripe sends.
    /// </summary>
    public StripeReply Authenticate(string id, bool completed)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "setup_intent", id, "intent");
        }
        if (intent["status"]!.GetValue<string>() != "requires_action")
        {
            return StripeErrors.InvalidRequest(StatusCodes.Status400BadRequest,
                $"This SetupIntent is not waiting for authentication: it has a status of {intent["status"]}.", "setup_intent_unexpected_state");
        }
        var paymentMethod = intent["payment_method"]?.GetValue<string>();
        intent["next_action"] = null;
        if (completed)
        {
            paymentMethods.Attach(paymentMethod!, intent["customer"]?.GetValue<string>());
            intent["status"] = "succeeded";
            Save(intent);
            webhooks.Stripe("setup_intent.succeeded", (JsonObject)intent.DeepClone());
        }
        else
        {
            intent["status"] = "requires_payment_method";
            intent["payment_method"] = null;
            intent["last_setup_error"] = StripeErrors.AuthenticationFailure("setup_intent_authentication_failure",
                "The latest attempt to set up the payment method has failed because authentication failed.", paymentMethod);
            Save(intent);
            webhooks.Stripe("setup_intent.setup_failed", (JsonObject)intent.DeepClone());
        }
        return StripeReply.Ok((JsonObject)intent.DeepClone());
    }

    private StripeReply ConfirmCard(string id, StripeParams parameters)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "setup_intent", id, "intent");
        }
        if (intent["status"]!.GetValue<string>() != "requires_payment_method")
        {
            return NotConfirmable(intent);
        }
        var testMethod = TestCardNumbers.Resolve(parameters, out var missing, out var refusal);
        if (missing is not null)
        {
            return missing;
        }
        if (refusal is not null)
        {
            return Refuse(intent, refusal, null);
        }
        return ConfirmFromBrowser(id, testMethod!);
    }

    /// <summary>From the browser Stripe checks the card: a declining one is refused, one that needs 3-D Secure waits for it.</summary>
    private StripeReply ConfirmFromBrowser(string id, string paymentMethod)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "setup_intent", id, "intent");
        }
        var behaviour = paymentMethods.BehaviourOf(paymentMethod);
        if (intent["status"]!.GetValue<string>() == "requires_payment_method" && TestPaymentMethods.Exists(paymentMethod))
        {
            if (TestPaymentMethods.SetupDeclineFor(behaviour) is { } decline)
            {
                return Refuse(intent, decline, paymentMethod);
            }
            if (TestPaymentMethods.AuthenticatesOnSetup(behaviour))
            {
                var saved = paymentMethods.Save(paymentMethod, null);
                intent["payment_method"] = saved.Id;
                intent["last_setup_error"] = null;
                intent["status"] = "requires_action";
                intent["next_action"] = StripeNextAction.ThreeDSecure(authenticationUrl(id));
                Save(intent);
                webhooks.Stripe("setup_intent.requires_action", (JsonObject)intent.DeepClone());
                return StripeReply.Ok((JsonObject)intent.DeepClone());
            }
        }
        return Confirm(id, paymentMethod);
    }

    private StripeReply Refuse(JsonObject intent, CardOutcome decline, string? paymentMethod)
    {
        intent["last_setup_error"] = StripeErrors.Card(decline, paymentMethod);
        Save(intent);
        webhooks.Stripe("setup_intent.setup_failed", (JsonObject)intent.DeepClone());
        return StripeErrors.SetupCardError(decline, paymentMethod, (JsonObject)intent.DeepClone());
    }

    private StripeReply Confirm(string id, string paymentMethod)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "setup_intent", id, "intent");
        }
        if (intent["status"]!.GetValue<string>() != "requires_payment_method")
        {
            return NotConfirmable(intent);
        }
        if (!TestPaymentMethods.Exists(paymentMethod))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status400BadRequest, "PaymentMethod", paymentMethod, "payment_method");
        }
        // Saving never charges, so even cards that decline charges are saved; they decline when a booking charges them.
        var saved = paymentMethods.Save(paymentMethod, intent["customer"]?.GetValue<string>());
        intent["payment_method"] = saved.Id;
        intent["last_setup_error"] = null;
        intent["status"] = "succeeded";
        Save(intent);
        webhooks.Stripe("setup_intent.succeeded", (JsonObject)intent.DeepClone());
        return StripeReply.Ok((JsonObject)intent.DeepClone());
    }

    private static StripeReply NotConfirmable(JsonObject intent) => StripeErrors.InvalidRequest(StatusCodes.Status400BadRequest,
        $"You cannot confirm this SetupIntent because it has a status of {intent["status"]}.", "setup_intent_unexpected_state");

    private void Save(JsonObject intent)
    {
        var id = intent["id"]!.GetValue<string>();
        intents[id] = intent;
        ledger.Record(new LedgerSetupIntent(
            id,
            intent["customer"]?.GetValue<string>(),
            intent["usage"]!.GetValue<string>(),
            intent["status"]!.GetValue<string>(),
            intent["payment_method"]?.GetValue<string>(),
            DateTimeOffset.FromUnixTimeSeconds(intent["created"]!.GetValue<long>())));
    }
}
