namespace AutoBooking.Infrastructure.Resilience;

/// <summary>The numbers of a provider's resilience pipeline, taken from its options class.</summary>
public sealed record ProviderResilienceSettings(
    TimeSpan AttemptTimeout,
    int MaxRetries,
    TimeSpan RetryBaseDelay,
    TimeSpan MaxRateLimitWait,
    int CircuitMinimumThroughput = 20);
