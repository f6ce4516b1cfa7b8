using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// SetupIntents: create (for a customer, usage off_session by default), retrieve, and confirm with a payment
/// method, which saves the card and attaches it to the customer. In real life the frontend confirms with
/// Stripe.js; tests confirm server-side with a test method (<c>pm_card_visa</c>), which Stripe also allows.
/// Runs under <see cref="StripeApi"/>'s lock.
/// </summary>
internal sealed class SetupIntentHandlers(CustomerHandlers customers, PaymentMethodHandlers paymentMethods, Ledger ledger, Webhooks webhooks, TimeProvider time)
{
    private static readonly string[] Usages = ["off_session", "on_session"];

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

    public StripeReply Confirm(string id, StripeParams parameters)
    {
        var paymentMethod = parameters.String("payment_method");
        if (paymentMethod is null)
        {
            return StripeErrors.ParameterMissing("payment_method");
        }
        return Confirm(id, paymentMethod);
    }

    private StripeReply Confirm(string id, string paymentMethod)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "setup_intent", id, "intent");
        }
        if (intent["status"]!.GetValue<string>() != "requires_payment_method")
        {
            return StripeErrors.InvalidRequest(StatusCodes.Status400BadRequest,
                $"You cannot confirm this SetupIntent because it has a status of {intent["status"]}.", "setup_intent_unexpected_state");
        }
        if (!TestPaymentMethods.Exists(paymentMethod))
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status400BadRequest, "PaymentMethod", paymentMethod, "payment_method");
        }
        // Saving never charges, so even cards that decline charges are saved; they decline when a booking charges them.
        var saved = paymentMethods.Save(paymentMethod, intent["customer"]?.GetValue<string>());
        intent["payment_method"] = saved.Id;
        intent["status"] = "succeeded";
        Save(intent);
        webhooks.Stripe("setup_intent.succeeded", (JsonObject)intent.DeepClone());
        return StripeReply.Ok((JsonObject)intent.DeepClone());
    }

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
