namespace AutoBooking.Sandbox;

/// <summary>
/// One HTTP call a provider received (<see cref="Provider"/> is duffel, stripe or resend), with the status it
/// answered; <see cref="Aborted"/> when the connection was dropped (a lost response, or the client gave up).
/// Counts how often a client really sent something, e.g. that an order POST was never retried.
/// </summary>
public sealed record LedgerRequest(string Provider, string Method, string Path, int StatusCode, bool Aborted, DateTimeOffset At)
{
    /// <summary>The query string as sent, with its leading <c>?</c> (empty when there was none), e.g. to check page sizes.</summary>
    public string Query { get; init; } = "";
}
