using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Duffel Flights API v2 over HTTP. Order creation has no idempotency key and Duffel asks not to retry
/// 500/502, so <see cref="CreateOrderAsync"/> posts exactly once and reports an unknown outcome as
/// <see cref="OrderStatus.Ambiguous"/> for the saga to reconcile.
/// </summary>
public sealed partial class DuffelClient(HttpClient http, IOptions<DuffelOptions> options, ILogger<DuffelClient> logger) : IFlightProvider
{
    public const string HttpClientName = "duffel";
    private const int PageSize = 200;
    private const int MaxPages = 10;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public async Task<FlightSearchResult> SearchAsync(FlightSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        // Duffel waits for airlines up to supplier_timeout; keep it well inside our own HTTP timeout.
        var supplierTimeoutMs = Math.Max(2, options.Value.TimeoutSeconds - 5) * 1000;
        var body = new
        {
            data = new
            {
                slices = new[] { new { origin = search.Origin, destination = search.Destination, departure_date = search.DepartureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } },
                passengers = Enumerable.Range(0, search.Adults).Select(_ => new { type = "adult" }).ToArray(),
                cabin_class = search.Cabin,
                max_connections = search.MaxConnections,
            },
        };
        using var created = await http.PostAsJsonAsync(
            $"air/offer_requests?return_offers=false&supplier_timeout={supplierTimeoutMs}", body, cancellationToken);
        var offerRequest = await ReadDataAsync(created, cancellationToken);
        var offerRequestId = offerRequest.GetProperty("id").GetString()!;

        var offers = new List<ProviderOffer>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = $"air/offers?offer_request_id={Uri.EscapeDataString(offerRequestId)}&limit={PageSize}"
                + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            using var response = await http.GetAsync(url, cancellationToken);
            using var document = await ReadDocumentAsync(response, cancellationToken);
            foreach (var offer in document.RootElement.GetProperty("data").EnumerateArray())
            {
                offers.Add(ToProviderOffer(offer));
            }
            after = document.RootElement.TryGetProperty("meta", out var meta) && meta.TryGetProperty("after", out var next)
                && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (after is null)
            {
                break;
            }
        }
        return new FlightSearchResult(offerRequestId, offers);
    }

    public async Task<RepriceResult> RepriceAsync(string providerOfferId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"air/offers/{Uri.EscapeDataString(providerOfferId)}", cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Gone)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            LogOfferGone(logger, providerOfferId, error.Code, error.RequestId);
            return new RepriceResult(RepriceStatus.Gone, null);
        }
        var offer = await ReadDataAsync(response, cancellationToken);
        return new RepriceResult(RepriceStatus.Available, ReadTotal(offer));
    }

    public async Task<OrderResult> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new
        {
            data = new
            {
                type = "instant",
                selected_offers = new[] { request.ProviderOfferId },
                payments = new[] { new { type = "balance", amount = FormatAmount(request.Total.Amount), currency = request.Total.Currency } },
                passengers = request.Passengers.Select(p => new
                {
                    id = p.ProviderPassengerId,
                    title = p.Title,
                    given_name = p.GivenName,
                    family_name = p.FamilyName,
                    born_on = p.BornOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    gender = p.Gender,
                    email = p.Email,
                    phone_number = p.PhoneNumber,
                }).ToArray(),
                // Lets an operator (and later reconciliation) find the order of an attempt whose response was lost.
                metadata = new { attempt_id = request.AttemptId.ToString() },
            },
        };

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("air/orders", body, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The request may have reached Duffel and created the order: never re-post, reconcile.
            LogOrderAmbiguous(logger, request.AttemptId, ex.GetType().Name, null);
            return OrderResult.Ambiguous("transport_" + ex.GetType().Name, null);
        }

        using (response)
        {
            var requestId = RequestIdOf(response);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Accepted)
            {
                LogOrderAmbiguous(logger, request.AttemptId, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), requestId);
                return OrderResult.Ambiguous("http_" + (int)response.StatusCode, requestId);
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                LogOrderRejected(logger, request.AttemptId, error.Code, requestId);
                return OrderResult.Rejected(error.Code ?? "http_" + (int)response.StatusCode, requestId);
            }
            var order = await ReadDataAsync(response, cancellationToken);
            var tickets = order.TryGetProperty("documents", out var documents) && documents.ValueKind == JsonValueKind.Array
                ? documents.EnumerateArray().Select(d => d.GetProperty("unique_identifier").GetString()!).ToList()
                : [];
            return new OrderResult(OrderStatus.Confirmed, order.GetProperty("id").GetString(),
                order.GetProperty("booking_reference").GetString(), tickets, null, requestId);
        }
    }

    private static ProviderOffer ToProviderOffer(JsonElement offer)
    {
        var slices = offer.GetProperty("slices").EnumerateArray().ToList();
        var stops = slices.Count == 0 ? 0 : slices.Max(s => s.GetProperty("segments").GetArrayLength() - 1);
        var duration = slices.Aggregate(TimeSpan.Zero, (sum, s) =>
            s.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.String ? sum + XmlConvert.ToTimeSpan(d.GetString()!) : sum);
        var carriers = slices.SelectMany(s => s.GetProperty("segments").EnumerateArray())
            .Select(seg => seg.GetProperty("marketing_carrier").GetProperty("iata_code").GetString()!)
            .Distinct(StringComparer.Ordinal).ToList();
        var passengerIds = offer.GetProperty("passengers").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
        var candidate = new OfferCandidate(
            offer.GetProperty("id").GetString()!,
            ReadTotal(offer),
            offer.GetProperty("expires_at").GetDateTimeOffset(),
            stops,
            duration,
            carriers);
        return new ProviderOffer(candidate, passengerIds, offer.GetRawText());
    }

    private static Core.Money.Money ReadTotal(JsonElement offer) => new(
        decimal.Parse(offer.GetProperty("total_amount").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
        offer.GetProperty("total_currency").GetString()!);

    private static string FormatAmount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-request-id", out var values) ? values.FirstOrDefault() : null;

    private static async Task<JsonElement> ReadDataAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var document = await ReadDocumentAsync(response, cancellationToken);
        return document.RootElement.GetProperty("data").Clone();
    }

    private static async Task<JsonDocument> ReadDocumentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            throw new DuffelApiException(response.StatusCode, error.Code, error.RequestId,
                $"Duffel answered {(int)response.StatusCode} ({error.Code ?? "no code"}) to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}; request id {error.RequestId}.");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Duffel offer {ProviderOfferId} is gone ({Code}), request {RequestId}")]
    private static partial void LogOfferGone(ILogger logger, string providerOfferId, string? code, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel order for attempt {AttemptId} rejected ({Code}), request {RequestId}")]
    private static partial void LogOrderRejected(ILogger logger, Guid attemptId, string? code, string? requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Duffel order for attempt {AttemptId} has an unknown outcome ({Reason}), request {RequestId}; not retried")]
    private static partial void LogOrderAmbiguous(ILogger logger, Guid attemptId, string reason, string? requestId);
}
