using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// Duffel Flights API v2 under <c>/duffel</c>: offer requests, offers (cursor-paged), orders (instant, and holds paid
/// later through <c>POST /air/payments</c>), cancellations. Validation and error codes follow Duffel's documentation
/// closely enough that a real client's error handling is exercised.
/// </summary>
internal sealed class DuffelApi(DuffelStore store, Faults faults, Webhooks webhooks, CancellationToken stopping)
{
    public const string Prefix = "/duffel";

    /// <summary>Longer than any sane client timeout; the handler normally ends earlier, when the client gives up.</summary>
    public static readonly TimeSpan TimeoutFaultDelay = TimeSpan.FromSeconds(100);

    private const string TakenFaultKey = "duffel.fault";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapReply("POST", "/air/offer_requests", WithFaults(DuffelOperation.CreateOfferRequest, CreateOfferRequestAsync));
        routes.MapReply("GET", "/air/offers", WithFaults(DuffelOperation.ListOffers, ListOffers));
        routes.MapReply("GET", "/air/offers/{id}", WithFaults(DuffelOperation.GetOffer, GetOffer));
        routes.MapReply("POST", "/air/orders", WithFaults(DuffelOperation.CreateOrder, CreateOrderAsync));
        routes.MapReply("GET", "/air/orders", WithFaults(DuffelOperation.ListOrders, ListOrders));
        routes.MapReply("GET", "/air/orders/{id}", WithFaults(DuffelOperation.GetOrder, GetOrder));
        routes.MapReply("POST", "/air/payments", WithFaults(DuffelOperation.CreatePayment, CreatePaymentAsync));
        routes.MapReply("POST", "/air/order_cancellations", WithFaults(DuffelOperation.CreateOrderCancellation, CreateOrderCancellationAsync));
        routes.MapReply("GET", "/air/order_cancellations/{id}", GetOrderCancellation);
        routes.MapReply("POST", "/air/order_cancellations/{id}/actions/confirm",
            WithFaults(DuffelOperation.ConfirmOrderCancellation, ConfirmOrderCancellation));
        routes.MapUnmatched(context => DuffelErrors.NotFound(context, "resource"));
    }

    /// <summary>
    /// A request's <c>data</c> object, or Duffel's answer when the body is not JSON (400 malformed_request) or has no
    /// <c>data</c> object (422 validation_required).
    /// </summary>
    private static async Task<(JsonObject Data, IResult? Refusal)> ReadDataAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        if (body is null)
        {
            return (null!, DuffelErrors.MalformedBody(context));
        }
        if (body["data"] is not JsonObject data)
        {
            var validation = new DuffelValidation();
            validation.Required("/data");
            return (null!, validation.Reply(context));
        }
        return (data, null);
    }

    /// <summary>Every Duffel call: a request id, then the headers Duffel insists on.</summary>
    public static async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        RequestIds.Assign(context, "x-request-id", Ids.DuffelRequestId());
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(authorization[7..]))
        {
            await DuffelErrors.MissingAuthorization(context).ExecuteAsync(context);
            return;
        }
        if (context.Request.Headers["Duffel-Version"].ToString() != "v2")
        {
            await DuffelErrors.UnsupportedVersion(context).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private async Task<IResult> CreateOfferRequestAsync(HttpContext context)
    {
        var (data, refusal) = await ReadDataAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }
        var validation = new DuffelValidation();
        var slices = DuffelRequestBodies.ReadSlices(data["slices"], validation);
        var passengers = DuffelRequestBodies.ReadSearchPassengers(data["passengers"], validation);
        var cabinClass = DuffelRequestBodies.ReadCabinClass(data["cabin_class"], validation);
        var maxConnections = DuffelRequestBodies.ReadMaxConnections(data["max_connections"], validation);
        if (validation.HasErrors)
        {
            return validation.Reply(context);
        }

        var offerRequest = store.CreateOfferRequest(slices, passengers, cabinClass, maxConnections);
        // Duffel embeds the offers unless told not to; big clients page them through /air/offers instead.
        var returnOffers = !string.Equals(context.Request.Query["return_offers"], "false", StringComparison.OrdinalIgnoreCase);
        var offers = returnOffers ? offerRequest.Offers.Select(o => DuffelJson.Offer(o, store.CurrentTotal(o))) : [];
        return Wire.Json(DuffelJson.Data(DuffelJson.OfferRequest(offerRequest, offers)), StatusCodes.Status201Created);
    }

    private IResult ListOffers(HttpContext context)
    {
        var validation = new DuffelValidation();
        var offerRequestId = context.Request.Query["offer_request_id"].ToString();
        if (offerRequestId.Length == 0)
        {
            validation.Required("/offer_request_id");
        }
        var paging = Paging.Read(context.Request.Query, validation);
        int? maxConnections = null;
        if (context.Request.Query.TryGetValue("max_connections", out var maxText))
        {
            maxConnections = int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : null;
            if (maxConnections is null)
            {
                validation.Invalid("/max_connections", "max_connections must be a whole number.");
            }
        }
        var sort = context.Request.Query["sort"].ToString();
        if (sort is not ("" or "total_amount" or "total_duration"))
        {
            validation.Invalid("/sort", "sort must be total_amount or total_duration.");
        }
        if (validation.HasErrors || paging is null)
        {
            return validation.Reply(context);
        }
        var offerRequest = store.FindOfferRequest(offerRequestId);
        if (offerRequest is null)
        {
            return DuffelErrors.NotFound(context, "offer request");
        }

        var offers = offerRequest.Offers.Where(o => maxConnections is null || o.Stops <= maxConnections);
        offers = sort switch
        {
            "total_amount" => offers.OrderBy(o => store.CurrentTotal(o).Amount),
            "total_duration" => offers.OrderBy(o => o.TotalDuration),
            _ => offers,
        };
        var (page, meta) = paging.Apply(offers.ToList());
        var data = new JsonArray([.. page.Select(o => DuffelJson.Offer(o, store.CurrentTotal(o)))]);
        return Wire.Json(new JsonObject { ["data"] = data, ["meta"] = meta }, StatusCodes.Status200OK);
    }

    private IResult GetOffer(HttpContext context)
    {
        return store.Find(context.RouteId(), out var offer) switch
        {
            OfferAvailability.Available => Wire.Json(DuffelJson.Data(DuffelJson.Offer(offer!, store.CurrentTotal(offer!))), StatusCodes.Status200OK),
            OfferAvailability.Gone => DuffelErrors.OfferNoLongerAvailable(context),
            _ => DuffelErrors.NotFound(context, "offer"),
        };
    }

    private async Task<IResult> CreateOrderAsync(HttpContext context)
    {
        var (data, refusal) = await ReadDataAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }
        var validation = new DuffelValidation();
        var type = JsonRead.String(data["type"]);
        if (type is null)
        {
            validation.Required("/type");
        }
        else if (type is not (OrderRecord.Instant or OrderRecord.Hold))
        {
            validation.Invalid("/type", "type must be instant or hold.");
        }
        var hold = type == OrderRecord.Hold;
        var offerId = DuffelRequestBodies.ReadSelectedOffer(data["selected_offers"], validation);
        // A hold is paid later (POST /air/payments): Duffel's guide says to omit payments when creating one.
        FareQuote? payment = null;
        if (!hold)
        {
            payment = DuffelRequestBodies.ReadPayment(data["payments"], validation);
        }
        else if (data["payments"] is not null)
        {
            validation.Invalid("/payments", "A hold order is paid later: omit payments, then pay it with POST /air/payments.");
        }
        var passengers = DuffelRequestBodies.ReadOrderPassengers(data["passengers"], validation);
        if (data["metadata"] is not (null or JsonObject))
        {
            validation.Invalid("/metadata", "metadata must be an object of strings.");
        }
        if (validation.HasErrors)
        {
            return validation.Reply(context);
        }

        var availability = store.Find(offerId!, out var offer);
        if (availability == OfferAvailability.NotFound)
        {
            return DuffelErrors.NotFound(context, "offer");
        }
        if (availability != OfferAvailability.Available)
        {
            return DuffelErrors.OfferNoLongerAvailable(context);
        }
        if (hold && offer!.RequiresInstantPayment)
        {
            validation.Invalid("/type", "This offer requires instant payment (payment_requirements.requires_instant_payment) and cannot be held.");
        }
        DuffelRequestBodies.CheckPassengersMatch(offer!, passengers, validation);
        DuffelRequestBodies.CheckDocuments(offer!, data["passengers"], passengers, validation);
        if (validation.HasErrors)
        {
            return validation.Reply(context);
        }
        // A hold pays nothing now: its price is the offer's current total, to be paid by payment_required_by.
        var total = store.CurrentTotal(offer!);
        if (payment is not null && (payment.Amount != total.Amount || payment.Currency != total.Currency))
        {
            return DuffelErrors.PriceChanged(context, total);
        }

        var metadata = data["metadata"] is JsonObject ? JsonRead.StringMap(data["metadata"]) : null;
        if (context.Items[TakenFaultKey] is DuffelFault.AcceptedThenFailed)
        {
            return AcceptThenFail(offer!, type!, metadata);
        }
        var order = store.Book(offer!, total, passengers, metadata, hold);
        if (order is null)
        {
            return DuffelErrors.OfferNoLongerAvailable(context);
        }
        webhooks.Duffel("order.created", DuffelJson.Order(order));
        return Wire.Json(DuffelJson.Data(DuffelJson.Order(order)), StatusCodes.Status201Created);
    }

    /// <summary>
    /// Duffel took a valid order (202 Accepted) and the airline then failed to create it: nothing is sold, and
    /// Duffel tells the webhook. The event's idempotency_key is base64 of "failed-" and the pending order id, as in
    /// Duffel's example.
    /// </summary>
    private IResult AcceptThenFail(OfferRecord offer, string type, IReadOnlyDictionary<string, string>? metadata)
    {
        var pending = DuffelJson.PendingOrder(Ids.Duffel("por"), type, offer.Id, metadata, store.Now);
        var pendingId = pending["id"]!.GetValue<string>();
        webhooks.Duffel("order.creation_failed", pending, Convert.ToBase64String(Encoding.UTF8.GetBytes("failed-" + pendingId)));
        return Wire.Json(DuffelJson.Data(pending.DeepClone()), StatusCodes.Status202Accepted);
    }

    private IResult ListOrders(HttpContext context)
    {
        var validation = new DuffelValidation();
        var paging = Paging.Read(context.Request.Query, validation);
        if (paging is null)
        {
            return validation.Reply(context);
        }
        var bookingReference = context.Request.Query["booking_reference"].ToString();
        // Duffel's created_at[after] / created_at[before] filters (ISO 8601 date-times).
        DateTimeOffset? createdAfter = null, createdBefore = null;
        foreach (var (name, bound) in new[] { ("created_at[after]", 0), ("created_at[before]", 1) })
        {
            var text = context.Request.Query[name].ToString();
            if (text.Length == 0)
            {
                continue;
            }
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                validation.Invalid("/" + name, "Must be an ISO 8601 date-time.");
                return validation.Reply(context);
            }
            if (bound == 0)
            {
                createdAfter = at;
            }
            else
            {
                createdBefore = at;
            }
        }
        var orders = store.Orders()
            .Where(o => bookingReference.Length == 0 || o.BookingReference == bookingReference)
            .Where(o => (createdAfter is null || o.CreatedAt > createdAfter) && (createdBefore is null || o.CreatedAt < createdBefore))
            .ToList();
        var (page, meta) = paging.Apply(orders);
        var data = new JsonArray([.. page.Select(DuffelJson.Order)]);
        return Wire.Json(new JsonObject { ["data"] = data, ["meta"] = meta }, StatusCodes.Status200OK);
    }

    private IResult GetOrder(HttpContext context) =>
        store.FindOrder(context.RouteId()) is { } order
            ? Wire.Json(DuffelJson.Data(DuffelJson.Order(order)), StatusCodes.Status200OK)
            : DuffelErrors.NotFound(context, "order");

    /// <summary>
    /// Pays a hold order (Duffel's Payments API): <c>{"data":{"order_id":…,"payment":{"type":"balance","amount":"…","currency":"…"}}}</c>.
    /// 201 with the payment, and the order is ticketed; 404 for an unknown order; 422 <c>already_paid</c> (an instant
    /// order, or a hold paid before), <c>already_cancelled</c>, <c>order_expired</c> (past payment_required_by, by the
    /// store's clock) or <c>price_changed</c> (not the order's current total, which the message states).
    /// </summary>
    private async Task<IResult> CreatePaymentAsync(HttpContext context)
    {
        var (data, refusal) = await ReadDataAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }
        var validation = new DuffelValidation();
        var orderId = JsonRead.String(data["order_id"]);
        if (string.IsNullOrEmpty(orderId))
        {
            validation.Required("/order_id");
        }
        var (amount, paymentType) = DuffelRequestBodies.ReadPaymentObject(data["payment"], "/payment", validation);
        if (validation.HasErrors)
        {
            return validation.Reply(context);
        }
        if (store.FindOrder(orderId!) is not { } order)
        {
            return DuffelErrors.NotFound(context, "order");
        }
        return store.Pay(order, amount!, paymentType!, out var payment) switch
        {
            null => Wire.Json(DuffelJson.Data(DuffelJson.Payment(payment!)), StatusCodes.Status201Created),
            PaymentRefusal.AlreadyPaid => DuffelErrors.AlreadyPaid(context),
            PaymentRefusal.Cancelled => DuffelErrors.AlreadyCancelled(context),
            PaymentRefusal.Expired => DuffelErrors.OrderExpired(context),
            _ => DuffelErrors.PriceChanged(context, order.Total, "order"),
        };
    }

    private async Task<IResult> CreateOrderCancellationAsync(HttpContext context)
    {
        var body = await JsonRead.BodyAsync(context.Request);
        if (body is null)
        {
            return DuffelErrors.MalformedBody(context);
        }
        var orderId = JsonRead.String(body["data"]?["order_id"]);
        if (orderId is null)
        {
            var validation = new DuffelValidation();
            validation.Required("/data/order_id");
            return validation.Reply(context);
        }
        if (store.FindOrder(orderId) is not { } order)
        {
            return DuffelErrors.NotFound(context, "order");
        }
        return store.QuoteCancellation(order) is { } cancellation
            ? Wire.Json(DuffelJson.Data(DuffelJson.OrderCancellation(cancellation)), StatusCodes.Status201Created)
            : DuffelErrors.AlreadyCancelled(context);
    }

    private IResult GetOrderCancellation(HttpContext context) =>
        store.FindCancellation(context.RouteId()) is { } cancellation
            ? Wire.Json(DuffelJson.Data(DuffelJson.OrderCancellation(cancellation)), StatusCodes.Status200OK)
            : DuffelErrors.NotFound(context, "order cancellation");

    private IResult ConfirmOrderCancellation(HttpContext context)
    {
        if (store.FindCancellation(context.RouteId()) is not { } cancellation)
        {
            return DuffelErrors.NotFound(context, "order cancellation");
        }
        if (!store.ConfirmCancellation(cancellation))
        {
            return DuffelErrors.AlreadyCancelled(context);
        }
        webhooks.Duffel("order_cancellation.confirmed", DuffelJson.OrderCancellation(cancellation));
        return Wire.Json(DuffelJson.Data(DuffelJson.OrderCancellation(cancellation)), StatusCodes.Status200OK);
    }

    /// <summary>
    /// Runs a handler behind the operation's fault queue: a fault that fails up front answers instead of the
    /// handler; <see cref="DuffelFault.LostResponse"/> lets the handler act and then drops the connection when
    /// it succeeded, so the side effect happened but the caller cannot know.
    /// </summary>
    private Func<HttpContext, Task<IResult>> WithFaults(DuffelOperation operation, Func<HttpContext, IResult> handler) =>
        WithFaults(operation, context => Task.FromResult(handler(context)));

    private Func<HttpContext, Task<IResult>> WithFaults(DuffelOperation operation, Func<HttpContext, Task<IResult>> handler) => async context =>
    {
        DuffelFault? fault = faults.TryTake(operation, out var taken) ? taken : null;
        // Faults that let the handler run (the side effect happens, or is refused after the fact) are the handler's to see.
        context.Items[TakenFaultKey] = fault;
        switch (fault)
        {
            case DuffelFault.OfferNoLongerAvailable:
                return DuffelErrors.OfferNoLongerAvailable(context);
            case DuffelFault.ServerError:
                return DuffelErrors.ServerError(context);
            case DuffelFault.ServiceUnavailable:
                return DuffelErrors.ServiceUnavailable(context);
            case DuffelFault.RateLimited:
                // Duffel's headers: the window's size, what is left of it, and when it resets (an HTTP date).
                var reset = DateTimeOffset.FromUnixTimeSeconds((store.Now + faults.RateLimitReset).ToUnixTimeSeconds() + 1);
                context.Response.Headers["ratelimit-limit"] = "60";
                context.Response.Headers["ratelimit-remaining"] = "0";
                context.Response.Headers["ratelimit-reset"] = reset.ToString("r", CultureInfo.InvariantCulture);
                return DuffelErrors.RateLimited(context);
            case DuffelFault.Timeout:
                await HangUntilClientGivesUpAsync(context);
                return context.RequestAborted.IsCancellationRequested ? Results.Empty : DuffelErrors.ServerError(context);
        }
        var result = await handler(context);
        if (fault == DuffelFault.LostResponse && result is IStatusCodeHttpResult { StatusCode: < 400 })
        {
            // The side effect happened; the caller only sees a dropped connection.
            context.Abort();
            return Results.Empty;
        }
        return result;
    };

    /// <summary>Waits until the client hangs up (its timeout) or the sandbox stops, whichever comes first.</summary>
    private async Task HangUntilClientGivesUpAsync(HttpContext context)
    {
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(TimeoutFaultDelay, hang.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected: the client gave up, which is the point of this fault.
        }
    }
}
