using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Operations;

/// <summary><c>GET /api/health</c>: anonymous; 200 when Postgres and Redis answer, 503 otherwise. No details leak.</summary>
public sealed class HealthFunction(HealthProbe probe)
{
    [Function(nameof(HealthFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await probe.CheckAsync(cancellationToken);
        return new ObjectResult(report) { StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }
}
