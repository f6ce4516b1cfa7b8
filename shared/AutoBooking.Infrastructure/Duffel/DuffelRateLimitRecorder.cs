using System.Globalization;
using AutoBooking.Infrastructure.Redis;
using AutoBooking.Infrastructure.Resilience;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Feeds Duffel's <c>ratelimit-remaining</c> and <c>ratelimit-reset</c> headers, from every answer (each attempt,
/// inside the retry pipeline), into the shared <see cref="ProviderRateLimiter"/>.
/// </summary>
public sealed class DuffelRateLimitRecorder(ProviderRateLimiter limiter, TimeProvider clock) : DelegatingHandler
{
    public const string RemainingHeader = "ratelimit-remaining";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues(RemainingHeader, out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var remaining)
            && RateLimitHeaders.RetryAfter(response, clock) is { } untilReset)
        {
            await limiter.RecordAsync(remaining, clock.GetUtcNow() + untilReset);
        }
        return response;
    }
}
