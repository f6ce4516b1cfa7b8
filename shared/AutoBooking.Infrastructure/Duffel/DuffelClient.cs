using System.Globalization;
using System.Net;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Duffel Flights API v2 over HTTP. Order creation and payments have no idempotency key and Duffel asks not to retry
/// 500/502, so <see cref="CreateOrderAsync"/>, <see cref="CreateHoldOrderAsync"/> and <see cref="PayHoldAsync"/> post
/// exactly once and report an unknown outcome as ambiguous for the saga to reconcile (<see cref="FindOrderByAttemptAsync"/>,
/// <see cref="GetOrderAsync"/>).
/// This class says what each operation sends and what each answer means; <see cref="DuffelTransport"/> carries the
/// requests (retries, timeouts and circuit breaking from the HttpClient's resilience pipeline, which only repeats
/// requests <see cref="IsSafeToRepeat"/> allows; every failure carries Duffel's x-request-id), and
/// <see cref="DuffelMapping"/> turns Duffel's JSON into our domain and back.
/// </summary>
public sealed partial class DuffelClient(HttpClient http, IOptions<DuffelOptions> options, TimeProvider time, ILogger<DuffelClient> logger)
    : IFlightProvider
{
    public const string HttpClientName = "duffel";
    public const int MaxOrderPageSize = 200;

    private const int PageSize = 200;
    private const int MaxPages = 10;

    /// <summary>How many pages of orders a reconciliation reads before it gives up (inconclusively).</summary>
    private const int MaxOrderScanPages = 25;

    private readonly DuffelTransport transport = new(http, time, logger);

    /// <summary>
    /// Whether a request may be sent again after a failure: reads, and the offer-request POST (a search has no
    /// side effect beyond its cost). Never an order creation, a hold's payment (<c>/air/payments</c>) or a cancellation
    /// confirmation.
    /// </summary>
    public static bool IsSafeToRepeat(HttpRequestMessage request) => DuffelTransport.IsSafeToRepeat(request);

    public async Task<FlightSearchResult> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        // Duffel waits for airlines up to supplier_timeout; keep it well inside our own HTTP timeout.
        var supplierTimeoutMs = Math.Max(2, options.Value.TimeoutSeconds - 5) * 1000;
        var body = DuffelMapping.SearchBody(search);
        var offerRequest = await transport.ReadDataAsync(
            await transport.SendAsync(HttpMethod.Post, $"air/offer_requests?return_offers=false&supplier_timeout={supplierTimeoutMs}", body, cancellationToken),
            cancellationToken);
        var offerRequestId = offerRequest.GetProperty("id").GetString()!;

        var offers = new List<ProviderOffer>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = $"air/offers?offer_request_id={Uri.EscapeDataString(offerRequestId)}&limit={PageSize}"
                + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            using var document = await transport.ReadDocumentAsync(await transport.SendAsync(HttpMethod.Get, url, null, cancellationToken), cancellationToken);
            foreach (var offer in document.RootElement.GetProperty("data").EnumerateArray())
            {
                if (DuffelMapping.ToProviderOffer(offer, search.Passengers) is { } read)
                {
                    offers.Add(read);
                }
                else
                {
                    // Booking it could put a name on the wrong ticket.
                    LogOfferPassengersUnmatched(logger, offer.GetProperty("id").GetString()!, search.Passengers.Count,
                        offer.GetProperty("passengers").GetArrayLength());
                }
            }
            after = DuffelMapping.NextCursor(document.RootElement);
            if (after is null)
            {
                break;
            }
        }
        return new FlightSearchResult(offerRequestId, offers);
    }

    public async Task<RepriceResult> RepriceAsync(string providerOfferId, CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(HttpMethod.Get, $"air/offers/{Uri.EscapeDataString(providerOfferId)}", null, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Gone)
        {
            var error = await DuffelTransport.ReadErrorAsync(response, cancellationToken);
            LogOfferGone(logger, providerOfferId, error.Code, error.RequestId);
            return new RepriceResult(RepriceStatus.Gone, null);
        }
        var offer = await transport.ReadDataAsync(response, cancellationToken);
        return new RepriceResult(RepriceStatus.Available, DuffelMapping.ReadTotal(offer));
    }

    public Task<OrderResult> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken) =>
        PlaceOrderAsync(request, DuffelMapping.InstantOrder, cancellationToken);

    /// <inheritdoc />
    public Task<OrderResult> CreateHoldOrderAsync(OrderRequest request, CancellationToken cancellationToken) =>
        PlaceOrderAsync(request, DuffelMapping.HoldOrder, cancellationToken);

    /// <summary>
    /// Posts an order once, instant or hold (Duffel's <c>type</c>), and types the answer: confirmed, rejected (nothing
    /// was bought or held) or ambiguous (it may exist: reconcile by attempt, never re-post).
    /// </summary>
    private async Task<OrderResult> PlaceOrderAsync(OrderRequest request, string type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await transport.PostOnceAsync("air/orders", new { data = DuffelMapping.OrderBody(request, type) }, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            // The circuit was open, so nothing was sent: no order can exist.
            LogOrderRejected(logger, type, request.AttemptId, "circuit_open", null);
            return OrderResult.Rejected("circuit_open", null);
        }
        catch (Exception ex) when (DuffelTransport.IsTransportFailure(ex, cancellationToken))
        {
            // The request may have reached Duffel and created the order: never re-post, reconcile.
            LogOrderAmbiguous(logger, type, request.AttemptId, ex.GetType().Name, null);
            return OrderResult.Ambiguous("transport_" + ex.GetType().Name, null);
        }

        using (response)
        {
            var requestId = DuffelTransport.RequestIdOf(response);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Accepted)
            {
                LogOrderAmbiguous(logger, type, request.AttemptId, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), requestId);
                return OrderResult.Ambiguous("http_" + (int)response.StatusCode, requestId);
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Duffel refused before doing anything: nothing was bought, and the caller may try again later.
                var retryAfter = transport.RetryAfter(response);
                LogOrderRejected(logger, type, request.AttemptId, "rate_limited", requestId);
                return OrderResult.Rejected("rate_limited", requestId) with { RetryAfter = retryAfter };
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = await DuffelTransport.ReadErrorAsync(response, cancellationToken);
                LogOrderRejected(logger, type, request.AttemptId, error.Code, requestId);
                return OrderResult.Rejected(error.Code ?? "http_" + (int)response.StatusCode, requestId);
            }
            var order = DuffelMapping.ToFlightOrder(await transport.ReadDataAsync(response, cancellationToken));
            return new OrderResult(OrderStatus.Confirmed, order.ProviderOrderId, order.BookingReference, order.TicketNumbers, null, requestId)
            {
                PaymentRequiredBy = order.PaymentRequiredBy,
                PriceGuaranteeExpiresAt = order.PriceGuaranteeExpiresAt,
                Total = order.Total,
            };
        }
    }

    /// <summary>
    /// Posts the payment once (never retried, see <see cref="IsSafeToRepeat"/>). 201: paid, and the order is read for
    /// its tickets (a read is safe to repeat). 422 price_changed: the order is read for its current total. A lapsed or
    /// cancelled hold is <see cref="HoldPaymentStatus.Expired"/>; other refusals <see cref="HoldPaymentStatus.Rejected"/>;
    /// a timeout, 5xx, 202 or lost response <see cref="HoldPaymentStatus.Ambiguous"/> (read the order before anything else).
    /// </summary>
    public async Task<HoldPaymentResult> PayHoldAsync(string providerOrderId, Core.Money.Money amount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerOrderId);
        HttpResponseMessage response;
        try
        {
            response = await transport.PostOnceAsync("air/payments", DuffelMapping.PaymentBody(providerOrderId, amount), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            // Not sent: nothing was paid.
            LogHoldPaymentRefused(logger, providerOrderId, "circuit_open", null);
            return new HoldPaymentResult(HoldPaymentStatus.Rejected, [], null, "circuit_open", null);
        }
        catch (Exception ex) when (DuffelTransport.IsTransportFailure(ex, cancellationToken))
        {
            LogHoldPaymentAmbiguous(logger, providerOrderId, ex.GetType().Name, null);
            return new HoldPaymentResult(HoldPaymentStatus.Ambiguous, [], null, "transport_" + ex.GetType().Name, null);
        }

        using (response)
        {
            var requestId = DuffelTransport.RequestIdOf(response);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Accepted)
            {
                LogHoldPaymentAmbiguous(logger, providerOrderId, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), requestId);
                return new HoldPaymentResult(HoldPaymentStatus.Ambiguous, [], null, "http_" + (int)response.StatusCode, requestId);
            }
            if (response.IsSuccessStatusCode)
            {
                var paymentId = (await transport.ReadDataAsync(response, cancellationToken)).GetProperty("id").GetString()!;
                LogHoldPaid(logger, providerOrderId, paymentId, requestId);
                var paid = await ReadOrderAfterPaymentAsync(providerOrderId, cancellationToken);
                return new HoldPaymentResult(HoldPaymentStatus.Paid, paid?.TicketNumbers ?? [], paid?.Total, null, requestId);
            }
            // Refused: nothing was paid. A 429 came before Duffel did anything.
            (string? Code, string? RequestId) error = response.StatusCode == HttpStatusCode.TooManyRequests
                ? ("rate_limited", requestId)
                : await DuffelTransport.ReadErrorAsync(response, cancellationToken);
            var code = error.Code ?? "http_" + (int)response.StatusCode;
            LogHoldPaymentRefused(logger, providerOrderId, code, error.RequestId);
            if (code == "price_changed")
            {
                var current = await ReadOrderAfterPaymentAsync(providerOrderId, cancellationToken);
                return new HoldPaymentResult(HoldPaymentStatus.PriceChanged, [], current?.Total, code, error.RequestId);
            }
            // The sandbox's order_expired (Duffel publishes no code for paying past payment_required_by), or a cancelled hold.
            var status = code is "order_expired" or "already_cancelled" or "order_already_cancelled"
                ? HoldPaymentStatus.Expired
                : HoldPaymentStatus.Rejected;
            return new HoldPaymentResult(status, [], null, code, error.RequestId);
        }
    }

    /// <summary>
    /// The order once a payment was answered, to learn its tickets or its current price. Null when it cannot be read
    /// now: the payment's outcome is already known, so a failed read only loses the details, which the caller can read later.
    /// </summary>
    private async Task<FlightOrder?> ReadOrderAfterPaymentAsync(string providerOrderId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetOrderAsync(providerOrderId, cancellationToken);
        }
        catch (DuffelApiException ex)
        {
            LogOrderUnreadAfterPayment(logger, providerOrderId, ex.Kind, ex.RequestId);
            return null;
        }
    }

    public async Task<FlightOrder?> GetOrderAsync(string providerOrderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerOrderId);
        using var response = await transport.SendAsync(HttpMethod.Get, $"air/orders/{Uri.EscapeDataString(providerOrderId)}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return DuffelMapping.ToFlightOrder(await transport.ReadDataAsync(response, cancellationToken));
    }

    public Task<FlightOrderPage> ListOrdersAsync(string? after, int limit, CancellationToken cancellationToken) =>
        ListOrdersAsync(after, limit, "", cancellationToken);

    private async Task<FlightOrderPage> ListOrdersAsync(string? after, int limit, string filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxOrderPageSize);
        var url = $"air/orders?limit={limit.ToString(CultureInfo.InvariantCulture)}" + filter
            + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
        using var document = await transport.ReadDocumentAsync(await transport.SendAsync(HttpMethod.Get, url, null, cancellationToken), cancellationToken);
        var orders = document.RootElement.GetProperty("data").EnumerateArray().Select(DuffelMapping.ToFlightOrder).ToList();
        return new FlightOrderPage(orders, DuffelMapping.NextCursor(document.RootElement));
    }

    /// <summary>
    /// Duffel cannot filter orders by metadata, so this reads the order list page by page. Null means the whole
    /// list was read and no order carries the attempt id; when the scan limit is reached first it throws
    /// (<see cref="DuffelFailureKind.Inconclusive"/>) rather than claim that no ticket exists.
    /// </summary>
    public Task<FlightOrder?> FindOrderByAttemptAsync(Guid attemptId, CancellationToken cancellationToken) =>
        ScanOrdersAsync(attemptId, null, cancellationToken);

    /// <summary>
    /// As <see cref="FindOrderByAttemptAsync(Guid, CancellationToken)"/>, over the orders created since
    /// <paramref name="createdSince"/> only (Duffel's <c>created_at[after]</c> filter), within
    /// <see cref="DuffelOptions.OrderScanBudgetSeconds"/> and the page limit; past either it is inconclusive.
    /// </summary>
    public Task<FlightOrder?> FindOrderByAttemptAsync(Guid attemptId, DateTimeOffset createdSince, CancellationToken cancellationToken) =>
        ScanOrdersAsync(attemptId, createdSince, cancellationToken);

    private async Task<FlightOrder?> ScanOrdersAsync(Guid attemptId, DateTimeOffset? createdSince, CancellationToken cancellationToken)
    {
        var filter = createdSince is { } since
            ? "&created_at[after]=" + Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
            : "";
        var deadline = time.GetUtcNow().AddSeconds(options.Value.OrderScanBudgetSeconds);
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.OrderScanBudgetSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        string? after = null;
        for (var page = 0; page < MaxOrderScanPages && time.GetUtcNow() < deadline; page++)
        {
            FlightOrderPage orders;
            try
            {
                orders = await ListOrdersAsync(after, MaxOrderPageSize, filter, linked.Token);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }
            if (orders.Orders.FirstOrDefault(o => o.AttemptId == attemptId) is { } found)
            {
                LogOrderReconciled(logger, attemptId, found.ProviderOrderId);
                return found;
            }
            if (orders.After is null)
            {
                return null;
            }
            after = orders.After;
        }
        throw new DuffelApiException(0, null, null,
            $"No order found for attempt {attemptId} within {MaxOrderScanPages} pages or {options.Value.OrderScanBudgetSeconds} s; the list goes on.",
            DuffelFailureKind.Inconclusive, null, null);
    }

    /// <summary>
    /// Looks the order up (unknown or already cancelled orders need no quote), asks for a cancellation quote,
    /// then confirms it. The confirmation is posted once and never retried: when its outcome is unknown the
    /// result is <see cref="OrderCancellationStatus.Ambiguous"/>, and the caller re-checks with
    /// <see cref="GetOrderAsync"/> (cancelled_at) before trying again.
    /// </summary>
    public async Task<OrderCancellationResult> CancelOrderAsync(string providerOrderId, CancellationToken cancellationToken)
    {
        var order = await GetOrderAsync(providerOrderId, cancellationToken);
        if (order is null)
        {
            return new OrderCancellationResult(OrderCancellationStatus.NotFound, null, null, null, "not_found", null);
        }
        if (order.IsCancelled)
        {
            return new OrderCancellationResult(OrderCancellationStatus.AlreadyCancelled, null, null, null, null, null);
        }

        using var quoted = await transport.SendAsync(HttpMethod.Post, "air/order_cancellations", DuffelMapping.CancellationQuoteBody(providerOrderId),
            cancellationToken);
        if (await RefusedCancellationAsync(quoted, providerOrderId, cancellationToken) is { } refused)
        {
            return refused;
        }
        var quote = await transport.ReadDataAsync(quoted, cancellationToken);
        var cancellationId = quote.GetProperty("id").GetString()!;

        HttpResponseMessage confirmed;
        try
        {
            confirmed = await transport.PostOnceAsync($"air/order_cancellations/{Uri.EscapeDataString(cancellationId)}/actions/confirm", cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            // Not sent: the order is as it was; an infrastructure fault the caller retries later.
            throw new DuffelApiException(0, null, null, $"Duffel circuit is open; cancellation {cancellationId} was not confirmed.",
                DuffelFailureKind.CircuitOpen, null, ex);
        }
        catch (Exception ex) when (DuffelTransport.IsTransportFailure(ex, cancellationToken))
        {
            LogCancellationAmbiguous(logger, providerOrderId, ex.GetType().Name, null);
            return new OrderCancellationResult(OrderCancellationStatus.Ambiguous, cancellationId, null, null, "transport_" + ex.GetType().Name, null);
        }
        using (confirmed)
        {
            if ((int)confirmed.StatusCode >= 500)
            {
                var requestId = DuffelTransport.RequestIdOf(confirmed);
                LogCancellationAmbiguous(logger, providerOrderId, ((int)confirmed.StatusCode).ToString(CultureInfo.InvariantCulture), requestId);
                return new OrderCancellationResult(OrderCancellationStatus.Ambiguous, cancellationId, null, null, "http_" + (int)confirmed.StatusCode, requestId);
            }
            if (await RefusedCancellationAsync(confirmed, providerOrderId, cancellationToken) is { } refusedConfirm)
            {
                return refusedConfirm;
            }
            var cancellation = await transport.ReadDataAsync(confirmed, cancellationToken);
            var (refund, refundTo) = DuffelMapping.ToRefund(cancellation);
            var confirmRequestId = DuffelTransport.RequestIdOf(confirmed);
            LogOrderCancelled(logger, providerOrderId, cancellationId, confirmRequestId);
            return new OrderCancellationResult(OrderCancellationStatus.Cancelled, cancellationId, refund, refundTo, null, confirmRequestId);
        }
    }

    /// <summary>The typed refusal in a cancellation answer, null when it succeeded; 5xx and the unexpected throw.</summary>
    private async Task<OrderCancellationResult?> RefusedCancellationAsync(HttpResponseMessage response, string orderId, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode || (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return null;
        }
        var error = await DuffelTransport.ReadErrorAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new OrderCancellationResult(OrderCancellationStatus.NotFound, null, null, null, error.Code, error.RequestId);
        }
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            var status = error.Code is "order_already_cancelled" or "already_cancelled"
                ? OrderCancellationStatus.AlreadyCancelled
                : OrderCancellationStatus.NotCancellable;
            LogCancellationRefused(logger, orderId, error.Code, error.RequestId);
            return new OrderCancellationResult(status, null, null, null, error.Code, error.RequestId);
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel offer {ProviderOfferId} left out: its {OfferedCount} passengers do not match the {SearchedCount} searched")]
    private static partial void LogOfferPassengersUnmatched(ILogger logger, string providerOfferId, int searchedCount, int offeredCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duffel offer {ProviderOfferId} is gone ({Code}), request {RequestId}")]
    private static partial void LogOfferGone(ILogger logger, string providerOfferId, string? code, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel {OrderType} order for attempt {AttemptId} rejected ({Code}), request {RequestId}")]
    private static partial void LogOrderRejected(ILogger logger, string orderType, Guid attemptId, string? code, string? requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Duffel {OrderType} order for attempt {AttemptId} has an unknown outcome ({Reason}), request {RequestId}; not retried")]
    private static partial void LogOrderAmbiguous(ILogger logger, string orderType, Guid attemptId, string reason, string? requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duffel hold order {ProviderOrderId} paid ({PaymentId}), request {RequestId}")]
    private static partial void LogHoldPaid(ILogger logger, string providerOrderId, string paymentId, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel refused to pay hold order {ProviderOrderId} ({Code}), request {RequestId}")]
    private static partial void LogHoldPaymentRefused(ILogger logger, string providerOrderId, string code, string? requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Paying Duffel hold order {ProviderOrderId} has an unknown outcome ({Reason}), request {RequestId}; not retried")]
    private static partial void LogHoldPaymentAmbiguous(ILogger logger, string providerOrderId, string reason, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel order {ProviderOrderId} could not be read after its payment was answered ({Kind}), request {RequestId}")]
    private static partial void LogOrderUnreadAfterPayment(ILogger logger, string providerOrderId, DuffelFailureKind kind, string? requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duffel order {ProviderOrderId} found for attempt {AttemptId}")]
    private static partial void LogOrderReconciled(ILogger logger, Guid attemptId, string providerOrderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duffel order {ProviderOrderId} cancelled ({CancellationId}), request {RequestId}")]
    private static partial void LogOrderCancelled(ILogger logger, string providerOrderId, string cancellationId, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel refused to cancel order {ProviderOrderId} ({Code}), request {RequestId}")]
    private static partial void LogCancellationRefused(ILogger logger, string providerOrderId, string? code, string? requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cancelling Duffel order {ProviderOrderId} has an unknown outcome ({Reason}), request {RequestId}; not retried")]
    private static partial void LogCancellationAmbiguous(ILogger logger, string providerOrderId, string reason, string? requestId);
}
