namespace AutoBooking.Infrastructure.Resilience;

/// <summary>Whether another try of a failed call can succeed.</summary>
public enum FailureClass
{
    /// <summary>Repeating the same request will fail the same way (a bad request, a refusal, a bug).</summary>
    Permanent,

    /// <summary>An outage or a blip (5xx, 429, timeout, dropped connection, a Postgres failover): a later try may succeed.</summary>
    Transient,
}
