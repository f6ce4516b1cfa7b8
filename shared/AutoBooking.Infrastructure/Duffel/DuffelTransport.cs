using System.Net.Http.Json;
using System.Text.Json;
using AutoBooking.Infrastructure.Resilience;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Duffel over HTTP: requests through the HttpClient's resilience pipeline (<see cref="ProviderResilience"/>, which
/// repeats only what <see cref="IsSafeToRepeat"/> allows), transport failures and error answers turned into
/// <see cref="DuffelApiException"/>s that carry Duffel's x-request-id, and the requests that must be sent exactly once.
/// What the JSON means is <see cref="DuffelMapping"/>'s business; what an answer means for a booking is
/// <see cref="DuffelClient"/>'s.
/// </summary>
internal sealed partial class DuffelTransport(HttpClient http, TimeProvider time, ILogger logger)
{
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

    /// <summary>A timeout (ours or Polly's) or a failed connection, as opposed to the caller cancelling.</summary>
    public static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    public static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-request-id", out var values) ? values.FirstOrDefault() : null;

    /// <summary>How long a 429 asks us to wait (its ratelimit-reset or retry-after), null when it does not say.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response) => RateLimitHeaders.RetryAfter(response, time);

    /// <summary>
    /// Sends a request through the resilience pipeline and turns transport failures into a
    /// <see cref="DuffelApiException"/> that says what happened. The caller disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, CancellationToken cancellationToken)
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

    /// <summary>
    /// Posts a request that must not be repeated (an order, a payment: <see cref="IsSafeToRepeat"/> keeps the pipeline
    /// from retrying it). Failures are left to the caller, which alone knows whether the outcome is unknown: a
    /// <see cref="BrokenCircuitException"/> means nothing was sent, a transport failure (<see cref="IsTransportFailure"/>)
    /// that it may have arrived.
    /// </summary>
    public Task<HttpResponseMessage> PostOnceAsync<T>(string url, T body, CancellationToken cancellationToken) =>
        http.PostAsJsonAsync(url, body, cancellationToken);

    /// <summary>As <see cref="PostOnceAsync{T}"/>, without a body (a cancellation's confirmation).</summary>
    public Task<HttpResponseMessage> PostOnceAsync(string url, CancellationToken cancellationToken) =>
        http.PostAsync(url, null, cancellationToken);

    /// <summary>The answer's <c>data</c>; an error answer throws a <see cref="DuffelApiException"/>. Disposes the response.</summary>
    public async Task<JsonElement> ReadDataAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            using var document = await ReadDocumentAsync(response, cancellationToken);
            return document.RootElement.GetProperty("data").Clone();
        }
    }

    /// <summary>The answer's whole document; an error answer throws a <see cref="DuffelApiException"/>. Disposes the response.</summary>
    public async Task<JsonDocument> ReadDocumentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                var kind = DuffelApiException.KindOf(response.StatusCode, error.Code);
                var retryAfter = kind == DuffelFailureKind.RateLimited ? RetryAfter(response) : null;
                LogDuffelFailure(logger, (int)response.StatusCode, error.Code, response.RequestMessage?.Method, response.RequestMessage?.RequestUri, error.RequestId);
                throw new DuffelApiException(response.StatusCode, error.Code, error.RequestId,
                    $"Duffel answered {(int)response.StatusCode} ({error.Code ?? "no code"}) to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}; request id {error.RequestId}.",
                    kind, retryAfter, null);
            }
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
    }

    /// <summary>The first error code of an error answer and its request id (from the body, else the header).</summary>
    public static async Task<(string? Code, string? RequestId)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duffel answered {StatusCode} ({Code}) to {Method} {Path}, request {RequestId}")]
    private static partial void LogDuffelFailure(ILogger logger, int statusCode, string? code, HttpMethod? method, Uri? path, string? requestId);
}
