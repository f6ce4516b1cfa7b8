using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// PaymentIntents: create (and confirm), capture, cancel, retrieve, with Stripe's state rules and test-card
/// behaviour. Every method runs under <see cref="StripeApi"/>'s lock, so the plain dictionary is safe.
/// </summary>
internal sealed class PaymentIntentHandlers(
    PaymentMethodHandlers paymentMethods, Ledger ledger, Webhooks webhooks, TimeProvider time, Func<string, string> authenticationUrl)
{
    private static readonly string[] ConfirmableStatuses = ["requires_payment_method", "requires_confirmation", "requires_action"];

    private static readonly string[] CaptureMethods = ["automatic", "automatic_async", "manual"];
    private static readonly string[] CancellationReasons = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"];
    private static readonly string[] CancellableStatuses =
        ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];

    private readonly Dictionary<string, PaymentIntentRecord> intents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> announcedStatus = new(StringComparer.Ordinal);

    public StripeReply Create(StripeParams parameters)
    {
        if (!parameters.Has("amount"))
        {
            return StripeErrors.ParameterMissing("amount");
        }
        if (parameters.Long("amount") is not (> 0 and var amount))
        {
            return StripeErrors.ParameterInvalid("amount", $"Invalid integer: {parameters.String("amount")}", "parameter_invalid_integer");
        }
        var currency = parameters.String("currency");
        if (currency is null)
        {
            return StripeErrors.ParameterMissing("currency");
        }
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
        {
            return StripeErrors.ParameterInvalid("currency", $"Invalid currency: {currency}. Stripe currencies are lowercase ISO codes, e.g. gbp.");
        }
        var captureMethod = parameters.String("capture_method") ?? "automatic";
        if (!CaptureMethods.Contains(captureMethod))
        {
            return StripeErrors.ParameterInvalid("capture_method", "Invalid capture_method: must be one of automatic, automatic_async, or manual");
        }
        var confirm = parameters.Bool("confirm") ?? false;
        var offSession = parameters.String("off_session") is "true" or "one_off" or "recurring";
        if (offSession && !confirm)
        {
            return StripeErrors.ParameterInvalid("off_session", "off_session can only be used when confirm=true.");
        }
        var paymentMethod = parameters.String("payment_method");
        if (paymentMethod is not null && !TestPaymentMethods.Exists(paymentMethod))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status400BadRequest, "PaymentMethod", paymentMethod, "payment_method");
        }
        if (confirm && paymentMethod is null)
        {
            return StripeErrors.ParameterMissing("payment_method");
        }
        var customer = parameters.String("customer");
        if (customer is not null && !customer.StartsWith("cus_", StringComparison.Ordinal))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status400BadRequest, "customer", customer, "customer");
        }

        var id = Ids.Stripe("pi");
        var intent = new PaymentIntentRecord
        {
            Id = id,
            Amount = amount,
            Currency = currency,
            CaptureMethod = captureMethod,
            Customer = customer,
            PaymentMethod = paymentMethod,
            Description = parameters.String("description"),
            Metadata = parameters.Hash("metadata"),
            Created = time.UtcNowToSecond(),
            ClientSecret = id + "_secret_" + Ids.Secret(),
            Status = paymentMethod is null ? "requires_payment_method" : "requires_confirmation",
        };
        Save(intent);
        return confirm ? Confirm(intent, paymentMethod!, offSession) : StripeReply.Ok(intent.ToJson());
    }

    public StripeReply Capture(string id, StripeParams parameters)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "payment_intent", id, "intent");
        }
        if (intent.Status != "requires_capture")
        {
            return StripeErrors.UnexpectedState(
                $"This PaymentIntent could not be captured because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
                intent.ToJson());
        }
        var toCapture = intent.AmountCapturable;
        if (parameters.Has("amount_to_capture"))
        {
            if (parameters.Long("amount_to_capture") is not (> 0 and var requested))
            {
                return StripeErrors.ParameterInvalid("amount_to_capture", $"Invalid integer: {parameters.String("amount_to_capture")}", "parameter_invalid_integer");
            }
            if (requested > intent.AmountCapturable)
            {
                return StripeErrors.ParameterInvalid("amount_to_capture",
                    $"The amount to capture ({requested}) is greater than the amount capturable ({intent.AmountCapturable}).", "amount_too_large");
            }
            toCapture = requested;
        }
        intent.Status = "succeeded";
        intent.AmountReceived = toCapture;
        intent.AmountCapturable = 0;
        intent.CaptureCount++;
        Save(intent);
        return StripeReply.Ok(intent.ToJson());
    }

    public StripeReply Cancel(string id, StripeParams parameters)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "payment_intent", id, "intent");
        }
        var reason = parameters.String("cancellation_reason");
        if (reason is not null && !CancellationReasons.Contains(reason))
        {
            return StripeErrors.ParameterInvalid("cancellation_reason",
                "Invalid cancellation_reason: must be one of " + string.Join(", ", CancellationReasons));
        }
        if (!CancellableStatuses.Contains(intent.Status))
        {
            return StripeErrors.UnexpectedState(
                $"You cannot cancel this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be canceled: {string.Join(", ", CancellableStatuses)}.",
                intent.ToJson());
        }
        intent.Status = "canceled";
        intent.CancellationReason = reason;
        intent.CanceledAt = time.UtcNowToSecond();
        intent.AmountCapturable = 0;
        Save(intent);
        return StripeReply.Ok(intent.ToJson());
    }

    public PaymentIntentRecord? Find(string id) => intents.GetValueOrDefault(id);

    /// <summary>
    /// <c>POST /v1/payment_intents/{id}/confirm</c>, from the server (secret key) or the browser (publishable key and
    /// client secret, <paramref name="clientSide"/>: always on-session). The payment method is the one given, card
    /// details (Stripe.js), or the intent's own. An intent already in requires_action stays there: the cardholder
    /// still has to authenticate.
    /// </summary>
    public StripeReply Confirm(string id, StripeParams parameters, bool clientSide)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "payment_intent", id, "intent");
        }
        if (!ConfirmableStatuses.Contains(intent.Status))
        {
            return StripeErrors.UnexpectedState(
                $"You cannot confirm this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be confirmed: {string.Join(", ", ConfirmableStatuses)}.",
                intent.ToJson());
        }
        var paymentMethod = parameters.String("payment_method");
        if (TestCardNumbers.IsPresent(parameters))
        {
            var testMethod = TestCardNumbers.Resolve(parameters, out var missing, out var refusal);
            if (missing is not null)
            {
                return missing;
            }
            if (refusal is not null)
            {
                return StripeErrors.CardError(refusal, null, null, intent.ToJson());
            }
            paymentMethod = paymentMethods.Save(testMethod!, null).Id;
        }
        // Stripe clears payment_method after a failed attempt; the sandbox keeps it, so a bare confirm retries that card.
        paymentMethod ??= intent.PaymentMethod;
        if (paymentMethod is null)
        {
            return StripeErrors.UnexpectedState(
                "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.",
                intent.ToJson());
        }
        if (!TestPaymentMethods.Exists(paymentMethod))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status400BadRequest, "PaymentMethod", paymentMethod, "payment_method");
        }
        var offSession = !clientSide && parameters.String("off_session") is "true" or "one_off" or "recurring";
        intent.PaymentMethod = paymentMethod;
        return Confirm(intent, paymentMethod, offSession);
    }

    /// <summary>
    /// The cardholder's answer to 3-D Secure, as the sandbox's Stripe.js stand-in posts it: completed, the intent holds
    /// or takes the money (<see cref="CompleteAuthentication"/>); failed, it needs a payment method again with
    /// Stripe's <c>payment_intent_authentication_failure</c> (and <c>payment_intent.payment_failed</c> is sent).
    /// </summary>
    public StripeReply Authenticate(string id, bool completed)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "payment_intent", id, "intent");
        }
        if (intent.Status != "requires_action")
        {
            return StripeErrors.UnexpectedState($"This PaymentIntent is not waiting for authentication: it has a status of {intent.Status}.", intent.ToJson());
        }
        if (completed)
        {
            return StripeReply.Ok(CompleteAuthentication(id)!.ToJson());
        }
        intent.Status = "requires_payment_method";
        intent.LastPaymentError = StripeErrors.AuthenticationFailure(
            "payment_intent_authentication_failure",
            "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
            intent.PaymentMethod);
        Save(intent);
        return StripeReply.Ok(intent.ToJson());
    }

    /// <summary>
    /// The customer authenticated on-session (what Stripe.js does with the client secret): an intent waiting for
    /// them (requires_action, or requires_payment_method after an off-session authentication_required) holds or
    /// takes the money as its capture method says. Null when no intent has this id; the intent unchanged when it
    /// was not waiting for the customer.
    /// </summary>
    public PaymentIntentRecord? CompleteAuthentication(string id)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return null;
        }
        var waiting = intent.Status == "requires_action"
            || (intent.Status == "requires_payment_method"
                && intent.LastPaymentError?["code"]?.GetValue<string>() == TestPaymentMethods.AuthenticationRequiredOutcome.Code);
        if (!waiting)
        {
            return intent;
        }
        intent.LastPaymentError = null;
        intent.LatestCharge ??= Ids.Stripe("ch");
        if (intent.CaptureMethod == "manual")
        {
            intent.Status = "requires_capture";
            intent.AmountCapturable = intent.Amount;
        }
        else
        {
            intent.Status = "succeeded";
            intent.AmountReceived = intent.Amount;
        }
        Save(intent);
        return intent;
    }

    /// <summary>Records a change another handler (a refund) made to the intent.</summary>
    public void Touch(PaymentIntentRecord intent) => Save(intent);

    /// <summary>
    /// Stripe's search, for the one query form the app uses: <c>metadata['key']:'value'</c>. Other queries are refused
    /// as Stripe refuses a malformed one. (Stripe's index lags creation by up to a minute; the sandbox's does not.)
    /// </summary>
    public StripeReply Search(StripeParams parameters)
    {
        var query = parameters.String("query") ?? "";
        var match = System.Text.RegularExpressions.Regex.Match(query, @"\Ametadata\['([A-Za-z0-9_]+)'\]:'([^']*)'\z");
        if (!match.Success)
        {
            return StripeErrors.InvalidRequest(StatusCodes.Status400BadRequest, $"The sandbox cannot search by '{query}'.");
        }
        var (key, value) = (match.Groups[1].Value, match.Groups[2].Value);
        var data = new System.Text.Json.Nodes.JsonArray();
        foreach (var intent in intents.Values.Where(i => i.Metadata.TryGetValue(key, out var v) && v == value).OrderByDescending(i => i.Created))
        {
            data.Add(intent.ToJson());
        }
        return StripeReply.Ok(new System.Text.Json.Nodes.JsonObject
        {
            ["object"] = "search_result",
            ["url"] = "/v1/payment_intents/search",
            ["has_more"] = false,
            ["next_page"] = null,
            ["data"] = data,
        });
    }

    public StripeReply Retrieve(string id) =>
        intents.TryGetValue(id, out var intent)
            ? StripeReply.Ok(intent.ToJson())
            : StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "payment_intent", id, "intent");

    /// <summary>
    /// Confirming charges the card. Declines leave the intent in requires_payment_method with a 402, as an
    /// off-session payment does; a card needing 3-D Secure fails off-session and waits for the customer on-session.
    /// </summary>
    private StripeReply Confirm(PaymentIntentRecord intent, string paymentMethod, bool offSession)
    {
        // A card saved through a SetupIntent behaves like the test method it was saved from.
        var behaviour = paymentMethods.BehaviourOf(paymentMethod);
        var decline = TestPaymentMethods.DeclineFor(behaviour);
        // 3155 asks for authentication unless it was set up for off-session use; 3184 asks every time.
        var needsAuthentication = behaviour == TestPaymentMethods.AuthenticationRequired
            || (behaviour == TestPaymentMethods.AuthenticationRequiredOnSetup && !(offSession && paymentMethods.IsSetUp(paymentMethod)));
        if (decline is null && needsAuthentication)
        {
            if (!offSession)
            {
                intent.Status = "requires_action";
                intent.LastPaymentError = null;
                intent.AuthenticationUrl = authenticationUrl(intent.Id);
                Save(intent);
                return StripeReply.Ok(intent.ToJson());
            }
            decline = TestPaymentMethods.AuthenticationRequiredOutcome;
        }
        if (decline is null && behaviour == TestPaymentMethods.Processing)
        {
            intent.Status = "processing";
            Save(intent);
            return StripeReply.Ok(intent.ToJson());
        }
        var chargeId = Ids.Stripe("ch");
        intent.LatestCharge = chargeId;
        if (decline is not null)
        {
            intent.Status = "requires_payment_method";
            intent.LastPaymentError = StripeErrors.Card(decline, paymentMethod);
            Save(intent);
            return StripeErrors.CardError(decline, paymentMethod, chargeId, intent.ToJson());
        }
        intent.LastPaymentError = null;
        if (intent.CaptureMethod == "manual")
        {
            intent.Status = "requires_capture";
            intent.AmountCapturable = intent.Amount;
        }
        else
        {
            intent.Status = "succeeded";
            intent.AmountReceived = intent.Amount;
        }
        Save(intent);
        return StripeReply.Ok(intent.ToJson());
    }

    private void Save(PaymentIntentRecord intent)
    {
        intents[intent.Id] = intent;
        ledger.Record(intent.ToLedger());
        // Stripe sends an event when an intent's status changes (a refund changes no status and sends none here).
        if (!announcedStatus.TryGetValue(intent.Id, out var previous) || previous != intent.Status)
        {
            announcedStatus[intent.Id] = intent.Status;
            if (EventFor(intent, previous is null) is { } type)
            {
                webhooks.Stripe(type, intent.ToJson());
            }
        }
    }

    private static string? EventFor(PaymentIntentRecord intent, bool created) => intent.Status switch
    {
        "requires_capture" => "payment_intent.amount_capturable_updated",
        "succeeded" => "payment_intent.succeeded",
        "canceled" => "payment_intent.canceled",
        "requires_action" => "payment_intent.requires_action",
        "requires_payment_method" when intent.LastPaymentError is not null => "payment_intent.payment_failed",
        _ when created => "payment_intent.created",
        _ => null,
    };
}
