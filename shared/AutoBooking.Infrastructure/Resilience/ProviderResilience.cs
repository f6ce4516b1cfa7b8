using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AutoBooking.Infrastructure.Resilience;

/// <summary>
/// The resilience pipeline of a provider HttpClient, outermost first: a total timeout, retries with exponential
/// backoff and jitter for requests <paramref name="isSafeToRepeat"/> allows (honouring a 429's reset time), a
/// circuit breaker, and a per-attempt timeout. Unsafe requests (Duffel order creation, cancellation
/// confirmation) still get the timeouts and the breaker, but are sent exactly once.
/// </summary>
public static class ProviderResilience
{
    /// <summary>Adds the strategies to <paramref name="pipeline"/> (from <c>AddResilienceHandler</c>).</summary>
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        ProviderResilienceSettings settings,
        Func<HttpRequestMessage, bool> isSafeToRepeat,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(isSafeToRepeat);
        ArgumentNullException.ThrowIfNull(time);

        // Each retry may wait for a full attempt timeout plus a backoff; the total keeps the worst case bounded.
        var total = settings.AttemptTimeout * (settings.MaxRetries + 1) + settings.MaxRateLimitWait * settings.MaxRetries + TimeSpan.FromSeconds(5);
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = total });

        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldHandle = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    if (request is null || !isSafeToRepeat(request) || !HttpClientResiliencePredicates.IsTransient(args.Outcome))
                    {
                        return ValueTask.FromResult(false);
                    }
                    // A rate limit that resets later than we are willing to wait is reported, not slept through.
                    var wait = args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited
                        ? RateLimitHeaders.RetryAfter(limited, time) : null;
                    return ValueTask.FromResult(wait is null || wait <= settings.MaxRateLimitWait);
                },
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited ? RateLimitHeaders.RetryAfter(limited, time) : null),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            // Only server faults and silence count against the provider; 4xx and 429 are answers.
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is not null || args.Outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError }),
            FailureRatio = 0.5,
            MinimumThroughput = settings.CircuitMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = settings.AttemptTimeout });
    }
}
