using System.Globalization;
using System.Net.Http.Headers;

namespace AutoBooking.Infrastructure.Resilience;

/// <summary>
/// Reads how long to wait after a 429. Duffel sends <c>ratelimit-reset</c> (when the window resets, an HTTP
/// date); Resend sends <c>retry-after</c> (seconds or an HTTP date). Both are honoured.
/// </summary>
public static class RateLimitHeaders
{
    public const string ResetHeader = "ratelimit-reset";

    /// <summary>The wait the answer asks for, never negative; null when it says nothing usable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        if (response.Headers.TryGetValues(ResetHeader, out var values) && values.FirstOrDefault() is { } reset)
        {
            if (DateTimeOffset.TryParseExact(reset.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return Clamp(at - now);
            }
            if (long.TryParse(reset.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                // Large numbers are epoch seconds; small ones are seconds from now (both conventions exist).
                return Clamp(number > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(number) - now : TimeSpan.FromSeconds(number));
            }
        }
        return RetryAfterHeader(response.Headers.RetryAfter, now);
    }

    internal static TimeSpan? RetryAfterHeader(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) => retryAfter switch
    {
        { Delta: { } delta } => Clamp(delta),
        { Date: { } date } => Clamp(date - now),
        _ => null,
    };

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
}
