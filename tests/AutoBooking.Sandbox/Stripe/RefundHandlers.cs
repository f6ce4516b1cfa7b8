using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// Refunds of captured PaymentIntents, in full or in part, never more than was received. Runs under
/// <see cref="StripeApi"/>'s lock.
/// </summary>
internal sealed class RefundHandlers(PaymentIntentHandlers paymentIntents, Ledger ledger, Webhooks webhooks, TimeProvider time)
{
    private static readonly string[] Reasons = ["duplicate", "fraudulent", "requested_by_customer"];

    public StripeReply Create(StripeParams parameters)
    {
        var intentId = parameters.String("payment_intent");
        if (intentId is null)
        {
            return parameters.String("charge") is null
                ? StripeErrors.ParameterMissing("payment_intent")
                : StripeErrors.ParameterInvalid("charge", "The sandbox refunds by payment_intent only.");
        }
        if (paymentIntents.Find(intentId) is not { } intent)
        {
            return StripeErrors.ResourceMissing(StatusCodes.Status400BadRequest, "payment_intent", intentId, "payment_intent");
        }
        var reason = parameters.String("reason");
        if (reason is not null && !Reasons.Contains(reason))
        {
            return StripeErrors.ParameterInvalid("reason", "Invalid reason: must be one of " + string.Join(", ", Reasons));
        }
        if (intent.Status != "succeeded")
        {
            return StripeErrors.InvalidRequest(StatusCodes.Status400BadRequest,
                $"This PaymentIntent ({intentId}) does not have a successful charge to refund.", "charge_not_refundable", "payment_intent");
        }
        var refundable = intent.AmountReceived - intent.AmountRefunded;
        var amount = refundable;
        if (parameters.Has("amount"))
        {
            if (parameters.Long("amount") is not (> 0 and var requested))
            {
                return StripeErrors.ParameterInvalid("amount", $"Invalid integer: {parameters.String("amount")}", "parameter_invalid_integer");
            }
            amount = requested;
        }
        if (amount <= 0 || amount > refundable)
        {
            return StripeErrors.InvalidRequest(StatusCodes.Status400BadRequest,
                $"Refund amount ({amount}) is greater than unrefunded amount on charge ({refundable}).", "amount_too_large", "amount");
        }
        intent.AmountRefunded += amount;
        paymentIntents.Touch(intent);
        var now = time.UtcNowToSecond();
        var refund = new LedgerRefund(Ids.Stripe("re"), intent.Id, amount, intent.Currency, "succeeded", reason, now);
        ledger.Record(refund);
        var json = new JsonObject
        {
            ["id"] = refund.Id,
            ["object"] = "refund",
            ["amount"] = amount,
            ["balance_transaction"] = Ids.Stripe("txn"),
            ["charge"] = intent.LatestCharge,
            ["created"] = now.ToUnixTimeSeconds(),
            ["currency"] = intent.Currency,
            ["metadata"] = new JsonObject(),
            ["payment_intent"] = intent.Id,
            ["reason"] = reason,
            ["receipt_number"] = null,
            ["status"] = "succeeded",
        };
        webhooks.Stripe("refund.created", (JsonObject)json.DeepClone());
        return StripeReply.Ok(json);
    }
}
