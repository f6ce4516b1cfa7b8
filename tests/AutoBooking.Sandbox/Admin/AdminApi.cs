using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Admin;

/// <summary>
/// The sandbox's own endpoints under <c>/_sandbox</c>, for developers running it standalone: read the ledger,
/// arrange faults and fares with curl. Tests use <see cref="SandboxServer"/>'s properties instead.
/// </summary>
internal sealed class AdminApi(Ledger ledger, Faults faults, Fares fares, Webhooks webhooks, Airline airline, Cardholder cardholder)
{
    public const string Prefix = "/_sandbox";

    private static readonly Dictionary<string, DuffelFault> FaultNames = new(StringComparer.Ordinal)
    {
        ["offer_no_longer_available"] = DuffelFault.OfferNoLongerAvailable,
        ["server_error"] = DuffelFault.ServerError,
        ["timeout"] = DuffelFault.Timeout,
        ["lost_response"] = DuffelFault.LostResponse,
        ["service_unavailable"] = DuffelFault.ServiceUnavailable,
        ["rate_limited"] = DuffelFault.RateLimited,
        ["accepted_then_failed"] = DuffelFault.AcceptedThenFailed,
    };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapReply("GET", "/ledger", _ => Results.Json(new
        {
            offerRequests = ledger.OfferRequests,
            orders = ledger.Orders,
            paymentIntents = ledger.PaymentIntents,
            emails = ledger.Emails,
            orderCancellations = ledger.OrderCancellations,
            orderPayments = ledger.OrderPayments,
            setupIntents = ledger.SetupIntents,
            refunds = ledger.Refunds,
            webhookDeliveries = ledger.WebhookDeliveries,
            airlineChanges = ledger.AirlineChanges,
        }, Wire.JsonOptions));
        routes.MapReply("POST", "/faults/duffel-create-order", AddOrderFaultAsync);
        routes.MapReply("POST", "/faults/duffel", AddDuffelFaultAsync);
        routes.MapReply("POST", "/faults/resend", AddResendFaultAsync);
        routes.MapReply("POST", "/faults/stripe", AddStripeFaultAsync);
        routes.MapReply("POST", "/webhooks", ConfigureWebhooksAsync);
        routes.MapReply("DELETE", "/faults", _ =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        routes.MapReply("POST", "/fares", SetFareAsync);
        routes.MapReply("POST", "/orders/{id}/schedule_change", ChangeScheduleAsync);
        routes.MapReply("POST", "/orders/{id}/reprice", RepriceHoldAsync);
        routes.MapReply("POST", "/payment_intents/{id}/authenticate", CompleteAuthentication);
    }

    /// <summary>
    /// No body: the traveler completes the PaymentIntent's card authentication on-session (requires_capture, and
    /// Stripe's signed <c>payment_intent.amount_capturable_updated</c> to the configured receiver). Answers the intent.
    /// </summary>
    private IResult CompleteAuthentication(HttpContext context)
    {
        try
        {
            return Results.Json(cardholder.CompleteAuthentication(context.RouteId()), Wire.JsonOptions);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new { error = ex.Message }, Wire.JsonOptions, statusCode: StatusCodes.Status404NotFound);
        }
    }

    /// <summary>
    /// <c>{"move_minutes":90,"slice":0}</c>: the airline moves every flight of the order's slice (0 = outbound, the
    /// default) by that many minutes (negative: earlier) and Duffel's signed
    /// <c>order.airline_initiated_change_detected</c> goes to the configured webhook receiver. Answers the change.
    /// </summary>
    private async Task<IResult> ChangeScheduleAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        var minutes = JsonRead.Int(body?["move_minutes"]);
        var slice = body?["slice"] is null ? 0 : JsonRead.Int(body["slice"]);
        if (minutes is null or 0 || slice is null)
        {
            return Problem("Expected {\"move_minutes\":90,\"slice\":0} (minutes non-zero, slice optional).");
        }
        try
        {
            return Results.Json(airline.ChangeSchedule(context.RouteId(), TimeSpan.FromMinutes(minutes.Value), slice.Value), Wire.JsonOptions);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new { error = ex.Message }, Wire.JsonOptions, statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return Problem(ex.Message);
        }
    }

    /// <summary>
    /// <c>{"total_amount":"512.30"}</c>: the airline reprices a hold awaiting payment (its price guarantee lapsed), so
    /// paying the old total is refused with price_changed. Answers the order as the ledger shows it.
    /// </summary>
    private async Task<IResult> RepriceHoldAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        var amount = JsonRead.Decimal(body?["total_amount"]);
        if (amount is not > 0)
        {
            return Problem("Expected {\"total_amount\":\"512.30\"} (positive).");
        }
        try
        {
            return Results.Json(airline.RepriceHold(context.RouteId(), amount.Value), Wire.JsonOptions);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new { error = ex.Message }, Wire.JsonOptions, statusCode: StatusCodes.Status404NotFound);
        }
        catch (InvalidOperationException ex)
        {
            return Problem(ex.Message);
        }
    }

    /// <summary><c>{"count":1,"kind":"offer_no_longer_available"|"server_error"|"timeout"|"lost_response"|"accepted_then_failed"|…}</c>.</summary>
    private async Task<IResult> AddOrderFaultAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        var count = body?["count"] is null ? 1 : JsonRead.Int(body["count"]);
        var kind = JsonRead.String(body?["kind"]);
        if (count is not > 0 || kind is null || !FaultNames.TryGetValue(kind, out var fault))
        {
            return Problem("Expected {\"count\":1,\"kind\":\"" + string.Join("\"|\"", FaultNames.Keys) + "\"}.");
        }
        faults.FailNextOrderCreation(count.Value, fault);
        return Results.Json(new { pending = faults.PendingOrderCreationFaults }, Wire.JsonOptions);
    }

    private static readonly Dictionary<string, DuffelOperation> OperationNames = new(StringComparer.Ordinal)
    {
        ["create_offer_request"] = DuffelOperation.CreateOfferRequest,
        ["list_offers"] = DuffelOperation.ListOffers,
        ["get_offer"] = DuffelOperation.GetOffer,
        ["create_order"] = DuffelOperation.CreateOrder,
        ["get_order"] = DuffelOperation.GetOrder,
        ["list_orders"] = DuffelOperation.ListOrders,
        ["create_order_cancellation"] = DuffelOperation.CreateOrderCancellation,
        ["confirm_order_cancellation"] = DuffelOperation.ConfirmOrderCancellation,
        ["create_payment"] = DuffelOperation.CreatePayment,
    };

    private static readonly Dictionary<string, StripeOperation> StripeOperationNames = new(StringComparer.Ordinal)
    {
        ["create_payment_intent"] = StripeOperation.CreatePaymentIntent,
        ["capture_payment_intent"] = StripeOperation.CapturePaymentIntent,
        ["cancel_payment_intent"] = StripeOperation.CancelPaymentIntent,
        ["retrieve_payment_intent"] = StripeOperation.RetrievePaymentIntent,
        ["detach_payment_method"] = StripeOperation.DetachPaymentMethod,
    };

    private static readonly Dictionary<string, StripeFault> StripeFaultNames = new(StringComparer.Ordinal)
    {
        ["server_error"] = StripeFault.ServerError,
        ["timeout"] = StripeFault.Timeout,
        ["lost_response"] = StripeFault.LostResponse,
    };

    /// <summary><c>{"operation":"capture_payment_intent","count":2,"kind":"server_error"|"timeout"|"lost_response"}</c>.</summary>
    private async Task<IResult> AddStripeFaultAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        var count = body?["count"] is null ? 1 : JsonRead.Int(body["count"]);
        var operationName = JsonRead.String(body?["operation"]);
        var kind = JsonRead.String(body?["kind"]);
        if (count is not > 0 || operationName is null || !StripeOperationNames.TryGetValue(operationName, out var operation)
            || kind is null || !StripeFaultNames.TryGetValue(kind, out var fault))
        {
            return Problem("Expected {\"operation\":\"" + string.Join("\"|\"", StripeOperationNames.Keys) + "\",\"count\":1,\"kind\":\""
                + string.Join("\"|\"", StripeFaultNames.Keys) + "\"}.");
        }
        faults.FailNext(operation, count.Value, fault);
        return Results.Json(new { pending = faults.PendingFaults(operation) }, Wire.JsonOptions);
    }

    /// <summary><c>{"operation":"get_offer","count":2,"kind":"service_unavailable"}</c>: any Duffel operation, any fault.</summary>
    private async Task<IResult> AddDuffelFaultAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        var count = body?["count"] is null ? 1 : JsonRead.Int(body["count"]);
        var operationName = JsonRead.String(body?["operation"]);
        var kind = JsonRead.String(body?["kind"]);
        if (count is not > 0 || operationName is null || !OperationNames.TryGetValue(operationName, out var operation)
            || kind is null || !FaultNames.TryGetValue(kind, out var fault))
        {
            return Problem("Expected {\"operation\":\"" + string.Join("\"|\"", OperationNames.Keys) + "\",\"count\":1,\"kind\":\""
                + string.Join("\"|\"", FaultNames.Keys) + "\"}.");
        }
        try
        {
            faults.FailNext(operation, count.Value, fault);
        }
        catch (ArgumentException ex)
        {
            return Problem(ex.Message);
        }
        return Results.Json(new { pending = faults.PendingFaults(operation) }, Wire.JsonOptions);
    }

    /// <summary><c>{"count":1,"kind":"rate_limited"|"server_error"}</c>: the next Resend sends fail.</summary>
    private async Task<IResult> AddResendFaultAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        var count = body?["count"] is null ? 1 : JsonRead.Int(body["count"]);
        ResendFault? fault = JsonRead.String(body?["kind"]) switch
        {
            "rate_limited" => ResendFault.RateLimited,
            "server_error" => ResendFault.ServerError,
            _ => null,
        };
        if (count is not > 0 || fault is null)
        {
            return Problem("Expected {\"count\":1,\"kind\":\"rate_limited\"|\"server_error\"}.");
        }
        faults.FailNextEmails(count.Value, fault.Value);
        return Results.Json(new { pending = faults.PendingEmailFaults }, Wire.JsonOptions);
    }

    /// <summary>
    /// <c>{"url":"http://localhost:7071/api/webhooks/duffel","duffel_secret":"…","stripe_secret":"whsec_…"}</c>
    /// turns signed webhooks on; <c>{"url":null}</c> turns them off.
    /// </summary>
    private async Task<IResult> ConfigureWebhooksAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        var url = JsonRead.String(body?["url"]);
        if (url is null)
        {
            webhooks.Disable();
            return Results.NoContent();
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var receiver))
        {
            return Problem("url must be an absolute URL.");
        }
        webhooks.Configure(receiver, JsonRead.String(body?["duffel_secret"]), JsonRead.String(body?["stripe_secret"]));
        return Results.NoContent();
    }

    /// <summary>
    /// <c>{"origin":"LHR","destination":"JFK","departure_date":"2026-12-10","amount":"420.00","currency":"GBP"}</c>,
    /// or <c>"no_offers":true</c> instead of an amount.
    /// </summary>
    private async Task<IResult> SetFareAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        var origin = JsonRead.String(body?["origin"]);
        var destination = JsonRead.String(body?["destination"]);
        if (origin is null || destination is null)
        {
            return Problem("origin and destination are required.");
        }
        try
        {
            if (body?["no_offers"] is JsonValue noOffers && noOffers.GetValueKind() == JsonValueKind.True)
            {
                fares.SetNoOffers(origin, destination);
                return Results.NoContent();
            }
            var amount = JsonRead.Decimal(body?["amount"]);
            var dateText = JsonRead.String(body?["departure_date"]);
            if (amount is null || !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return Problem("departure_date (yyyy-MM-dd) and amount are required.");
            }
            fares.SetFare(origin, destination, date, amount.Value, JsonRead.String(body?["currency"]) ?? Fares.DefaultCurrency);
            return Results.NoContent();
        }
        catch (ArgumentException ex)
        {
            return Problem(ex.Message);
        }
    }

    private static IResult Problem(string message) =>
        Results.Json(new { error = message }, Wire.JsonOptions, statusCode: StatusCodes.Status400BadRequest);
}
