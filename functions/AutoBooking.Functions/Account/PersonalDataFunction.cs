using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Account;

/// <summary>
/// The traveler's data rights (DESIGN §7): <c>GET /api/me/export</c> returns everything we hold about the caller;
/// <c>DELETE /api/me</c> erases it, keeping the financial records the law requires. Both act on the caller only.
/// </summary>
public sealed class PersonalDataFunction(JwtAuthenticator auth, PersonalDataExporter exporter, PersonalDataEraser eraser)
{
    /// <summary>How long a client should wait before retrying an erasure deferred by an in-flight booking.</summary>
    private const int RetryAfterSeconds = 300;

    /// <summary>How long a client should wait before retrying an erasure Stripe could not complete.</summary>
    private const int ProviderRetryAfterSeconds = 30;

    [Function("ExportPersonalDataFunction")]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/export")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        // Personal data: never cached by a proxy or the browser.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new OkObjectResult(await exporter.ExportAsync(userId, cancellationToken));
    }

    [Function("ErasePersonalDataFunction")]
    public async Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        var result = await eraser.EraseAsync(userId, CorrelationId.From(request), cancellationToken);
        switch (result.Refusal)
        {
            case ErasureRefusal.BookingInFlight:
                request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problems.BookingInFlight(RetryAfterSeconds);
            case ErasureRefusal.ProviderUnavailable:
                request.HttpContext.Response.Headers.RetryAfter = ProviderRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problems.ProviderUnavailable("Stripe could not be reached to detach your saved cards; your personal data is not erased yet. "
                    + "Retry the request: it finishes the job.");
            default:
                return new OkObjectResult(result.Summary);
        }
    }
}
