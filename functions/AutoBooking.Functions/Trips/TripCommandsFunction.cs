using AutoBooking.Core.Trips;
using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Trips;

/// <summary>
/// <c>POST /api/trips/{id}/pause|resume|cancel</c>. Illegal moves answer 409 with the current status; a stale
/// <c>If-Match</c> answers 412. Resuming makes the trip due for a search at once.
/// </summary>
public sealed class TripCommandsFunction(JwtAuthenticator auth, TripApi trips)
{
    [Function("PauseTripFunction")]
    public Task<IActionResult> Pause(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "trips/{id}/pause")] HttpRequest request, string id,
        CancellationToken cancellationToken) => ChangeAsync(request, id, TripStatus.Paused, cancellationToken);

    [Function("ResumeTripFunction")]
    public Task<IActionResult> Resume(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "trips/{id}/resume")] HttpRequest request, string id,
        CancellationToken cancellationToken) => ChangeAsync(request, id, TripStatus.Watching, cancellationToken);

    [Function("CancelTripFunction")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "trips/{id}/cancel")] HttpRequest request, string id,
        CancellationToken cancellationToken) => ChangeAsync(request, id, TripStatus.Cancelled, cancellationToken);

    private async Task<IActionResult> ChangeAsync(HttpRequest request, string id, TripStatus to, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        if (!Guid.TryParse(id, out var tripId))
        {
            return Problems.NotFound();
        }
        var result = await trips.ChangeStatusAsync(tripId, userId, to, ETags.ExpectedVersion(request), CorrelationId.From(request), cancellationToken);
        return await TripCommandResults.ToResponseAsync(result, tripId, userId, trips, request, cancellationToken);
    }
}
