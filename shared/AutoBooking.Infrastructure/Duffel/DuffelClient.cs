using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Duffel Flights API v2 over HTTP. Order creation and payments have no idempotency key and Duffel asks not to retry
/// 500/502, so <see cref="CreateOrderAsync"/>, <see cref="CreateHoldOrderAsync"/> and <see cref="PayHoldAsync"/> post
/// exactly once and report an unknown outcome as ambiguous for the saga to reconcile (<see cref="FindOrderByAttemptAsync"/>,
/// <see cref="GetOrderAsync"/>).
/// Retries, timeouts and circuit breaking come from the HttpClient's resilience pipeline
/// (<see cref="DuffelResilience"/>), which only repeats requests <see cref="IsSafeToRepeat"/> allows.
/// Every failure carries Duffel's x-request-id.
/// </summary>
public sealed partial class DuffelClient(HttpClient http, IOptions<DuffelOptions> options, TimeProvider time, ILogger<DuffelClient> logger)
    : IFlightProvider
{
    public const string HttpClientName = "duffel";
    public const int MaxOrderPageSize = 200;

    /// <summary>Duffel's order types: paid and ticketed when created, or held and paid later.</summary>
    private const string InstantOrder = "instant";
    private const string HoldOrder = "hold";
    private const int PageSize = 200;
    private const int MaxPages = 10;

    /// <summary>How many pages of orders a reconciliation reads before it gives up (inconclusively).</summary>
    private const int MaxOrderScanPages = 25;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// Whether a request may be sent again after a failure: reads, and the offer-request POST (a search has no
    /// side effect beyond its cost). Never an order creation, a hold's payment (<c>/air/payments</c>) or a cancellation
    /// confirmation.
    /// </summary>
    public static bool IsSafeToRepeat(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
        {
            return true;
        }
        var path = request.RequestUri?.AbsolutePath ?? "";
        // A cancellation quote (POST /air/order_cancellations) only prices the cancellation; confirming does it.
        return request.Method == HttpMethod.Post
            && (path.EndsWith("/air/offer_requests", StringComparison.Ordinal) || path.EndsWith("/air/order_cancellations", StringComparison.Ordinal));
    }

    public async Task<FlightSearchResult> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        // Duffel waits for airlines up to supplier_timeout; keep it well inside our own HTTP timeout.
        var supplierTimeoutMs = Math.Max(2, options.Value.TimeoutSeconds - 5) * 1000;
        var slices = new List<object> { SliceBody(search.Origin, search.Destination, search.DepartureDate) };
        if (search.ReturnDate is { } returnDate)
        {
            slices.Add(SliceBody(search.Destination, search.Origin, returnDate));
        }
        var body = new
        {
            data = new
            {
                slices,
                // Duffel's documented way: adults by type, anyone under 18 by age (it works out child or
                // infant_without_seat per airline). Never both on one passenger.
                passengers = search.Passengers.Select(p => p.IsAdult ? (object)new { type = "adult" } : new { age = p.Age!.Value }).ToArray(),
                cabin_class = search.Cabin,
                max_connections = search.MaxConnections,
            },
        };
        var offerRequest = await ReadDataAsync(
            await SendAsync(HttpMethod.Post, $"air/offer_requests?return_offers=false&supplier_timeout={supplierTimeoutMs}", body, cancellationToken),
            cancellationToken);
        var offerRequestId = offerRequest.GetProperty("id").GetString()!;

        var offers = new List<ProviderOffer>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = $"air/offers?offer_request_id={Uri.EscapeDataString(offerRequestId)}&limit={PageSize}"
                + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            using var document = await ReadDocumentAsync(await SendAsync(HttpMethod.Get, url, null, cancellationToken), cancellationToken);
            foreach (var offer in document.RootElement.GetProperty("data").EnumerateArray())
            {
                if (ToProviderOffer(offer, search.Passengers) is { } read)
                {
                    offers.Add(read);
                }
            }
            after = NextCursor(document.RootElement);
            if (after is null)
            {
                break;
            }
        }
        return new FlightSearchResult(offerRequestId, offers);
    }

    public async Task<RepriceResult> RepriceAsync(string providerOfferId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"air/offers/{Uri.EscapeDataString(providerOfferId)}", null, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Gone)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            LogOfferGone(logger, providerOfferId, error.Code, error.RequestId);
            return new RepriceResult(RepriceStatus.Gone, null);
        }
        var offer = await ReadDataAsync(response, cancellationToken);
        return new RepriceResult(RepriceStatus.Available, ReadTotal(offer));
    }

    public Task<OrderResult> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken) =>
        PlaceOrderAsync(request, InstantOrder, cancellationToken);

    /// <inheritdoc />
    public Task<OrderResult> CreateHoldOrderAsync(OrderRequest request, CancellationToken cancellationToken) =>
        PlaceOrderAsync(request, HoldOrder, cancellationToken);

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
            response = await http.PostAsJsonAsync("air/orders", new { data = OrderBody(request, type) }, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            // The circuit was open, so nothing was sent: no order can exist.
            LogOrderRejected(logger, type, request.AttemptId, "circuit_open", null);
            return OrderResult.Rejected("circuit_open", null);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            // The request may have reached Duffel and created the order: never re-post, reconcile.
            LogOrderAmbiguous(logger, type, request.AttemptId, ex.GetType().Name, null);
            return OrderResult.Ambiguous("transport_" + ex.GetType().Name, null);
        }

        using (response)
        {
            var requestId = RequestIdOf(response);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Accepted)
            {
                LogOrderAmbiguous(logger, type, request.AttemptId, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), requestId);
                return OrderResult.Ambiguous("http_" + (int)response.StatusCode, requestId);
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Duffel refused before doing anything: nothing was bought, and the caller may try again later.
                var retryAfter = RateLimitHeaders.RetryAfter(response, time);
                LogOrderRejected(logger, type, request.AttemptId, "rate_limited", requestId);
                return OrderResult.Rejected("rate_limited", requestId) with { RetryAfter = retryAfter };
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                LogOrderRejected(logger, type, request.AttemptId, error.Code, requestId);
                return OrderResult.Rejected(error.Code ?? "http_" + (int)response.StatusCode, requestId);
            }
            var order = ToFlightOrder(await ReadDataAsync(response, cancellationToken));
            return new OrderResult(OrderStatus.Confirmed, order.ProviderOrderId, order.BookingReference, order.TicketNumbers, null, requestId)
            {
                PaymentRequiredBy = order.PaymentRequiredBy,
                PriceGuaranteeExpiresAt = order.PriceGuaranteeExpiresAt,
                Total = order.Total,
            };
        }
    }

    /// <summary>
    /// An order's <c>data</c>. An instant order pays its total from the balance in <c>payments</c>; a hold carries no
    /// <c>payments</c> at all (Duffel's guide: omit the key), it is paid later through <see cref="PayHoldAsync"/>.
    /// </summary>
    private static Dictionary<string, object> OrderBody(OrderRequest request, string type)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["type"] = type,
            ["selected_offers"] = new[] { request.ProviderOfferId },
            ["passengers"] = request.Passengers.Select(OrderPassengerBody).ToArray(),
            // Lets reconciliation (FindOrderByAttemptAsync) and an operator find the order of an attempt whose response was lost.
            ["metadata"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["attempt_id"] = request.AttemptId.ToString() },
        };
        if (type == InstantOrder)
        {
            data["payments"] = new[] { BalancePayment(request.Total) };
        }
        return data;
    }

    /// <summary>Duffel's payment object (<c>type</c>, <c>amount</c>, <c>currency</c>), from the account's balance.</summary>
    private static Dictionary<string, string> BalancePayment(Core.Money.Money amount) => new(StringComparer.Ordinal)
    {
        ["type"] = "balance",
        ["amount"] = FormatAmount(amount.Amount),
        ["currency"] = amount.Currency,
    };

    /// <summary>
    /// Posts the payment once (never retried, see <see cref="IsSafeToRepeat"/>). 201: paid, and the order is read for
    /// its tickets (a read is safe to repeat). 422 price_changed: the order is read for its current total. A lapsed or
    /// cancelled hold is <see cref="HoldPaymentStatus.Expired"/>; other refusals <see cref="HoldPaymentStatus.Rejected"/>;
    /// a timeout, 5xx, 202 or lost response <see cref="HoldPaymentStatus.Ambiguous"/> (read the order before anything else).
    /// </summary>
    public async Task<HoldPaymentResult> PayHoldAsync(string providerOrderId, Core.Money.Money amount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerOrderId);
        var body = new { data = new Dictionary<string, object>(StringComparer.Ordinal) { ["order_id"] = providerOrderId, ["payment"] = BalancePayment(amount) } };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("air/payments", body, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            // Not sent: nothing was paid.
            LogHoldPaymentRefused(logger, providerOrderId, "circuit_open", null);
            return new HoldPaymentResult(HoldPaymentStatus.Rejected, [], null, "circuit_open", null);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            LogHoldPaymentAmbiguous(logger, providerOrderId, ex.GetType().Name, null);
            return new HoldPaymentResult(HoldPaymentStatus.Ambiguous, [], null, "transport_" + ex.GetType().Name, null);
        }

        using (response)
        {
            var requestId = RequestIdOf(response);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Accepted)
            {
                LogHoldPaymentAmbiguous(logger, providerOrderId, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), requestId);
                return new HoldPaymentResult(HoldPaymentStatus.Ambiguous, [], null, "http_" + (int)response.StatusCode, requestId);
            }
            if (response.IsSuccessStatusCode)
            {
                var paymentId = (await ReadDataAsync(response, cancellationToken)).GetProperty("id").GetString()!;
                LogHoldPaid(logger, providerOrderId, paymentId, requestId);
                var paid = await ReadOrderAfterPaymentAsync(providerOrderId, cancellationToken);
                return new HoldPaymentResult(HoldPaymentStatus.Paid, paid?.TicketNumbers ?? [], paid?.Total, null, requestId);
            }
            // Refused: nothing was paid. A 429 came before Duffel did anything.
            (string? Code, string? RequestId) error = response.StatusCode == HttpStatusCode.TooManyRequests
                ? ("rate_limited", requestId)
                : await ReadErrorAsync(response, cancellationToken);
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
        using var response = await SendAsync(HttpMethod.Get, $"air/orders/{Uri.EscapeDataString(providerOrderId)}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return ToFlightOrder(await ReadDataAsync(response, cancellationToken));
    }

    public Task<FlightOrderPage> ListOrdersAsync(string? after, int limit, CancellationToken cancellationToken) =>
        ListOrdersAsync(after, limit, "", cancellationToken);

    private async Task<FlightOrderPage> ListOrdersAsync(string? after, int limit, string filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxOrderPageSize);
        var url = $"air/orders?limit={limit.ToString(CultureInfo.InvariantCulture)}" + filter
            + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
        using var document = await ReadDocumentAsync(await SendAsync(HttpMethod.Get, url, null, cancellationToken), cancellationToken);
        var orders = document.RootElement.GetProperty("data").EnumerateArray().Select(ToFlightOrder).ToList();
        return new FlightOrderPage(orders, NextCursor(document.RootElement));
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

        using var quoted = await SendAsync(HttpMethod.Post, "air/order_cancellations", new { data = new { order_id = providerOrderId } }, cancellationToken);
        if (await RefusedCancellationAsync(quoted, providerOrderId, cancellationToken) is { } refused)
        {
            return refused;
        }
        var quote = await ReadDataAsync(quoted, cancellationToken);
        var cancellationId = quote.GetProperty("id").GetString()!;

        HttpResponseMessage confirmed;
        try
        {
            confirmed = await http.PostAsync($"air/order_cancellations/{Uri.EscapeDataString(cancellationId)}/actions/confirm", null, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            // Not sent: the order is as it was; an infrastructure fault the caller retries later.
            throw new DuffelApiException(0, null, null, $"Duffel circuit is open; cancellation {cancellationId} was not confirmed.",
                DuffelFailureKind.CircuitOpen, null, ex);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            LogCancellationAmbiguous(logger, providerOrderId, ex.GetType().Name, null);
            return new OrderCancellationResult(OrderCancellationStatus.Ambiguous, cancellationId, null, null, "transport_" + ex.GetType().Name, null);
        }
        using (confirmed)
        {
            if ((int)confirmed.StatusCode >= 500)
            {
                var requestId = RequestIdOf(confirmed);
                LogCancellationAmbiguous(logger, providerOrderId, ((int)confirmed.StatusCode).ToString(CultureInfo.InvariantCulture), requestId);
                return new OrderCancellationResult(OrderCancellationStatus.Ambiguous, cancellationId, null, null, "http_" + (int)confirmed.StatusCode, requestId);
            }
            if (await RefusedCancellationAsync(confirmed, providerOrderId, cancellationToken) is { } refusedConfirm)
            {
                return refusedConfirm;
            }
            var cancellation = await ReadDataAsync(confirmed, cancellationToken);
            var refund = cancellation.TryGetProperty("refund_amount", out var amount) && amount.ValueKind == JsonValueKind.String
                ? new Core.Money.Money(
                    decimal.Parse(amount.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                    cancellation.GetProperty("refund_currency").GetString()!)
                : (Core.Money.Money?)null;
            var refundTo = cancellation.TryGetProperty("refund_to", out var to) && to.ValueKind == JsonValueKind.String ? to.GetString() : null;
            var confirmRequestId = RequestIdOf(confirmed);
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
        var error = await ReadErrorAsync(response, cancellationToken);
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

    /// <summary>
    /// Sends a request through the resilience pipeline and turns transport failures into a
    /// <see cref="DuffelApiException"/> that says what happened. The caller disposes the response.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new DuffelApiException(0, null, null, $"Duffel circuit is open; {method} {request.RequestUri} was not sent.",
                DuffelFailureKind.CircuitOpen, null, ex);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw new DuffelApiException(0, null, null, $"Duffel did not answer {method} {request.RequestUri} ({ex.GetType().Name}).",
                DuffelFailureKind.Timeout, null, ex);
        }
    }

    /// <summary>A timeout (ours or Polly's) or a failed connection, as opposed to the caller cancelling.</summary>
    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>
    /// The facts selection needs, over every slice: the most stops in any slice, the longest slice (our
    /// journey-duration limit applies per direction), every carrier. Null, with a warning, when the offer's
    /// passengers cannot be matched to the searched ones: booking it could put a name on the wrong ticket.
    /// </summary>
    private ProviderOffer? ToProviderOffer(JsonElement offer, IReadOnlyList<SearchPassenger> searched)
    {
        var offerId = offer.GetProperty("id").GetString()!;
        var passengerIds = MatchPassengers(offer.GetProperty("passengers"), searched);
        if (passengerIds is null)
        {
            LogOfferPassengersUnmatched(logger, offerId, searched.Count, offer.GetProperty("passengers").GetArrayLength());
            return null;
        }
        var slices = offer.GetProperty("slices").EnumerateArray().ToList();
        var stops = slices.Count == 0 ? 0 : slices.Max(s => s.GetProperty("segments").GetArrayLength() - 1);
        var duration = slices
            .Select(s => s.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.String ? XmlConvert.ToTimeSpan(d.GetString()!) : TimeSpan.Zero)
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        var carriers = slices.SelectMany(s => s.GetProperty("segments").EnumerateArray())
            .Select(seg => seg.GetProperty("marketing_carrier").GetProperty("iata_code").GetString()!)
            .Distinct(StringComparer.Ordinal).ToList();
        var terms = DuffelOfferTerms.Read(offer, slices);
        var candidate = new OfferCandidate(
            offerId,
            ReadTotal(offer),
            offer.GetProperty("expires_at").GetDateTimeOffset(),
            stops,
            duration,
            carriers,
            terms.CheckedBags,
            terms);
        return new ProviderOffer(candidate, passengerIds, offer.GetRawText());
    }

    /// <summary>
    /// The offer's passenger ids in the order of the search. Duffel lists them in the order requested, but the
    /// ids are matched rather than trusted by position: a passenger searched by age takes the offer passenger with
    /// that age, an adult one without an age (typed adult). When the offer carries no ages, a type the search
    /// contradicts (an infant where an adult was asked for, or the reverse) fails the match. Null when any
    /// searched passenger finds no partner or the counts differ.
    /// </summary>
    private static List<string>? MatchPassengers(JsonElement offered, IReadOnlyList<SearchPassenger> searched)
    {
        var candidates = offered.EnumerateArray().Select(p => (
            Id: p.GetProperty("id").GetString()!,
            Type: p.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null,
            Age: p.TryGetProperty("age", out var age) && age.ValueKind == JsonValueKind.Number && age.TryGetInt32(out var years) ? years : (int?)null)).ToList();
        if (candidates.Count != searched.Count)
        {
            return null;
        }
        var used = new bool[candidates.Count];
        var ids = new List<string>(searched.Count);
        foreach (var passenger in searched)
        {
            // What we sent: adults by type, everyone else by age (see SearchAsync).
            var sentAge = passenger.IsAdult ? null : passenger.Age;
            var index = -1;
            for (var i = 0; i < candidates.Count && index < 0; i++)
            {
                if (!used[i] && Matches(candidates[i].Type, candidates[i].Age, sentAge, passenger.IsInfant))
                {
                    index = i;
                }
            }
            if (index < 0)
            {
                return null;
            }
            used[index] = true;
            ids.Add(candidates[index].Id);
        }
        return ids;

        static bool Matches(string? type, int? age, int? sentAge, bool isInfant)
        {
            if (sentAge is null)
            {
                return age is null && type is null or "adult";
            }
            if (age is not null)
            {
                return age == sentAge;
            }
            // Searched by age, but the offer gives none: only lap or seat can be checked (an airline may count a
            // 14-year-old as an adult, but never an infant on a lap as anything else).
            return type is null || (type == "infant_without_seat") == isInfant;
        }
    }

    private static object SliceBody(string origin, string destination, DateOnly departureDate) => new
    {
        origin,
        destination,
        departure_date = departureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A passenger as an order names them: names in the letters Duffel takes (<see cref="DuffelNames"/>);
    /// <c>infant_passenger_id</c> only on the adult an infant travels with; <c>identity_documents</c> (one) only when
    /// the offer takes a document, never an empty list.
    /// </summary>
    private static Dictionary<string, object> OrderPassengerBody(OrderPassenger passenger)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["id"] = passenger.ProviderPassengerId,
            ["title"] = passenger.Title,
            ["given_name"] = DuffelNames.ForOrder(passenger.GivenName),
            ["family_name"] = DuffelNames.ForOrder(passenger.FamilyName),
            ["born_on"] = passenger.BornOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["gender"] = passenger.Gender,
            ["email"] = passenger.Email,
            ["phone_number"] = passenger.PhoneNumber,
        };
        if (passenger.InfantPassengerId is { } infant)
        {
            body["infant_passenger_id"] = infant;
        }
        if (passenger.Document is { } document)
        {
            body["identity_documents"] = new[]
            {
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["type"] = document.Type,
                    ["unique_identifier"] = document.Number,
                    ["issuing_country_code"] = document.IssuingCountry,
                    ["expires_on"] = document.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
            };
        }
        return body;
    }

    private static FlightOrder ToFlightOrder(JsonElement order)
    {
        var tickets = order.TryGetProperty("documents", out var documents) && documents.ValueKind == JsonValueKind.Array
            ? documents.EnumerateArray().Select(d => d.GetProperty("unique_identifier").GetString()!).ToList()
            : [];
        Guid? attemptId = order.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("attempt_id", out var attempt) && attempt.ValueKind == JsonValueKind.String
            && Guid.TryParse(attempt.GetString(), out var parsed) ? parsed : null;
        DateTimeOffset? cancelledAt = order.TryGetProperty("cancelled_at", out var cancelled) && cancelled.ValueKind == JsonValueKind.String
            ? cancelled.GetDateTimeOffset() : null;
        // The flights as the airline has them now: after a schedule change, the order's slices carry the new times.
        var segments = order.TryGetProperty("slices", out var slices) && slices.ValueKind == JsonValueKind.Array
            ? DuffelItinerary.Segments(slices) : [];
        var paymentStatus = order.TryGetProperty("payment_status", out var status) && status.ValueKind == JsonValueKind.Object ? status : default;
        return new FlightOrder(
            order.GetProperty("id").GetString()!,
            order.GetProperty("booking_reference").GetString()!,
            tickets,
            ReadTotal(order),
            attemptId,
            order.GetProperty("created_at").GetDateTimeOffset(),
            cancelledAt,
            segments)
        {
            // Absent payment_status (older recordings) means a paid order: only a hold says it awaits payment.
            AwaitingPayment = paymentStatus.ValueKind == JsonValueKind.Object
                && paymentStatus.TryGetProperty("awaiting_payment", out var awaiting) && awaiting.ValueKind == JsonValueKind.True,
            PaymentRequiredBy = OptionalTime(paymentStatus, "payment_required_by"),
            PriceGuaranteeExpiresAt = OptionalTime(paymentStatus, "price_guarantee_expires_at"),
        };
    }

    /// <summary>A date-time field of an object that may be absent or null.</summary>
    private static DateTimeOffset? OptionalTime(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetDateTimeOffset() : null;

    private static string? NextCursor(JsonElement page) =>
        page.TryGetProperty("meta", out var meta) && meta.TryGetProperty("after", out var next) && next.ValueKind == JsonValueKind.String
            ? next.GetString() : null;

    private static Core.Money.Money ReadTotal(JsonElement offer) => new(
        decimal.Parse(offer.GetProperty("total_amount").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
        offer.GetProperty("total_currency").GetString()!);

    private static string FormatAmount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-request-id", out var values) ? values.FirstOrDefault() : null;

    private async Task<JsonElement> ReadDataAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            using var document = await ReadDocumentAsync(response, cancellationToken);
            return document.RootElement.GetProperty("data").Clone();
        }
    }

    private async Task<JsonDocument> ReadDocumentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                var kind = DuffelApiException.KindOf(response.StatusCode, error.Code);
                var retryAfter = kind == DuffelFailureKind.RateLimited ? RateLimitHeaders.RetryAfter(response, time) : null;
                LogDuffelFailure(logger, (int)response.StatusCode, error.Code, response.RequestMessage?.Method, response.RequestMessage?.RequestUri, error.RequestId);
                throw new DuffelApiException(response.StatusCode, error.Code, error.RequestId,
                    $"Duffel answered {(int)response.StatusCode} ({error.Code ?? "no code"}) to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}; request id {error.RequestId}.",
                    kind, retryAfter, null);
            }
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
    }

    private static async Task<(string? Code, string? RequestId)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var requestId = RequestIdOf(response);
        try
        {
            var error = await response.Content.ReadFromJsonAsync<DuffelErrorBody>(Json, cancellationToken);
            return (error?.Errors?.FirstOrDefault()?.Code, error?.Meta?.RequestId ?? requestId);
        }
        catch (JsonException)
        {
            return (null, requestId);
        }
    }

    private sealed record DuffelErrorBody(List<DuffelError>? Errors, DuffelErrorMeta? Meta);

    private sealed record DuffelError(string? Type, string? Code, string? Title, string? Message);

    private sealed record DuffelErrorMeta(int? Status, string? RequestId);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel answered {StatusCode} ({Code}) to {Method} {Path}, request {RequestId}")]
    private static partial void LogDuffelFailure(ILogger logger, int statusCode, string? code, HttpMethod? method, Uri? path, string? requestId);
}
