using System.ComponentModel.DataAnnotations;
using AutoBooking.Infrastructure.Resilience;

namespace AutoBooking.Infrastructure.Options;

/// <summary>
/// The settings of a provider HttpClient's resilience pipeline (<see cref="ProviderResilience"/>), bound from the
/// provider's own section (<c>Duffel__MaxRetries</c>, <c>Resend__MaxRetries</c>). Each provider sets its own per-attempt
/// timeout, range and default; the retry settings are the same for every provider.
/// </summary>
public abstract class ProviderHttpOptions
{
    /// <summary>Our HTTP timeout per attempt.</summary>
    public abstract int TimeoutSeconds { get; set; }

    /// <summary>
    /// Retries of requests that are safe to repeat, on 429 (after its reset time) and on server faults; a request that
    /// is not safe to repeat is sent once.
    /// </summary>
    [Range(0, 6)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    [Range(1, 10_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>A 429 asking for a longer wait than this is reported instead of waited out.</summary>
    [Range(0, 120)]
    public int MaxRateLimitWaitSeconds { get; set; } = 10;

    /// <summary>The numbers of the provider's resilience pipeline.</summary>
    public ProviderResilienceSettings Resilience() => new(
        TimeSpan.FromSeconds(TimeoutSeconds),
        MaxRetries,
        TimeSpan.FromMilliseconds(RetryBaseDelayMilliseconds),
        TimeSpan.FromSeconds(MaxRateLimitWaitSeconds));
}
