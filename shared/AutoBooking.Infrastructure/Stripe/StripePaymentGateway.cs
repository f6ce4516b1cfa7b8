using AutoBooking.Core.Ports;
using Microsoft.Extensions.Logging;
using Stripe;

namespace AutoBooking.Infrastructure.Stripe;

/// <summary>
/// Stripe through Stripe.net. Authorization is a PaymentIntent with manual capture, confirmed off-session;
/// capture happens only once the order is confirmed. Card outcomes are typed; other Stripe errors throw.
/// </summary>
public sealed partial class StripePaymentGateway(IStripeClient client, ILogger<StripePaymentGateway> logger) : IPaymentGateway
{
    private readonly PaymentIntentService paymentIntents = new(client);
    private readonly RefundService refunds = new(client);

    public async Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.ToMinorUnits(),
            Currency = request.Amount.Currency.ToLowerInvariant(),
            Customer = request.CustomerId,
            PaymentMethod = request.PaymentMethodId,
            CaptureMethod = "manual",
            Confirm = true,
            OffSession = true,
            Metadata = new Dictionary<string, string>
            {
                ["trip_id"] = request.TripId.ToString(),
                ["attempt_id"] = request.AttemptId.ToString(),
            },
        };
        try
        {
            var intent = await paymentIntents.CreateAsync(options, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
            if (intent.Status != "requires_capture")
            {
                // Manual capture + confirm must end in requires_capture; anything else is not a hold we can use.
                LogUnexpectedIntentStatus(logger, request.AttemptId, intent.Id, intent.Status);
                return new AuthorizationResult(AuthorizationStatus.NotHeld, intent.Id, "unexpected_status_" + intent.Status);
            }
            return new AuthorizationResult(AuthorizationStatus.Authorized, intent.Id, null);
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error")
        {
            var intentId = ex.StripeError.PaymentIntent?.Id;
            LogCardError(logger, request.AttemptId, ex.StripeError.Code, ex.StripeError.DeclineCode);
            return ex.StripeError.Code == "authentication_required"
                ? new AuthorizationResult(AuthorizationStatus.AuthenticationRequired, intentId, ex.StripeError.Code)
                : new AuthorizationResult(AuthorizationStatus.Declined, intentId, ex.StripeError.DeclineCode ?? ex.StripeError.Code);
        }
    }

    public async Task<PaymentIntentState> GetPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var intent = await paymentIntents.GetAsync(paymentIntentId, cancellationToken: cancellationToken);
        return State(intent);
    }

    public async Task<IReadOnlyList<PaymentIntentState>> FindPaymentIntentsByAttemptAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        // Attempt ids are GUIDs we generate: nothing in them can break out of the quoted query value.
        var found = await paymentIntents.SearchAsync(
            new PaymentIntentSearchOptions { Query = $"metadata['attempt_id']:'{attemptId:D}'", Limit = 10 }, cancellationToken: cancellationToken);
        return found.Data.Select(State).ToList();
    }

    private static PaymentIntentState State(PaymentIntent intent) =>
        new(intent.Id, intent.Status, intent.ClientSecret, intent.PaymentMethodId ?? intent.LastPaymentError?.PaymentMethod?.Id);

    public async Task CaptureAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await paymentIntents.CaptureAsync(paymentIntentId, new PaymentIntentCaptureOptions(),
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
    }

    public async Task CancelAuthorizationAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            await paymentIntents.CancelAsync(paymentIntentId, new PaymentIntentCancelOptions { CancellationReason = "abandoned" },
                new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        }
        catch (StripeException ex) when (ex.StripeError?.Code == "payment_intent_unexpected_state")
        {
            // Already cancelled is the outcome we want; anything else (captured!) must surface.
            var intent = await paymentIntents.GetAsync(paymentIntentId, cancellationToken: cancellationToken);
            if (intent.Status != "canceled")
            {
                throw;
            }
        }
    }

    public async Task<RefundResult> RefundAsync(string paymentIntentId, Core.Money.Money? amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentIntentId);
        var refund = await refunds.CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = paymentIntentId,
                Amount = amount?.ToMinorUnits(),
                Reason = "requested_by_customer",
            },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken);
        LogRefunded(logger, paymentIntentId, refund.Id, refund.Status);
        return new RefundResult(refund.Id, refund.Status, Core.Money.Money.FromMinorUnits(refund.Amount, refund.Currency));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe PaymentIntent {PaymentIntentId} refunded ({RefundId}, {Status})")]
    private static partial void LogRefunded(ILogger logger, string paymentIntentId, string refundId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe card error for attempt {AttemptId}: {Code} / {DeclineCode}")]
    private static partial void LogCardError(ILogger logger, Guid attemptId, string? code, string? declineCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stripe PaymentIntent {PaymentIntentId} for attempt {AttemptId} is {Status}, expected requires_capture")]
    private static partial void LogUnexpectedIntentStatus(ILogger logger, Guid attemptId, string paymentIntentId, string status);
}
