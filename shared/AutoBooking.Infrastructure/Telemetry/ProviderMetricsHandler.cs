using System.Net;

namespace AutoBooking.Infrastructure.Telemetry;

/// <summary>
/// Measures every HTTP attempt to a provider (inside the resilience pipeline, so each retry counts) for
/// <see cref="AutoBookingMetrics.ProviderCalled"/>. Tags are the provider, the method and the status class only:
/// paths carry ids and would explode the metric's cardinality.
/// </summary>
public sealed class ProviderMetricsHandler(string provider, AutoBookingMetrics metrics, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var code = (int)response.StatusCode;
            metrics.ProviderCalled(provider, request.Method.Method, $"{code / 100}xx", clock.GetElapsedTime(started), ErrorKind(response.StatusCode));
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            var kind = exception is OperationCanceledException ? "timeout" : "network";
            metrics.ProviderCalled(provider, request.Method.Method, kind, clock.GetElapsedTime(started), kind);
            throw;
        }
    }

    private static string? ErrorKind(HttpStatusCode status) => (int)status switch
    {
        429 => "rate_limited",
        >= 500 => "server_error",
        >= 400 => "client_error",
        _ => null,
    };
}
