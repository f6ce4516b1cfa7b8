using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Trips;

/// <summary><c>GET /api/trips/{id}</c>: status, progress stage and booking. Another user's trip is a 404.</summary>
public sealed class GetTripFunction(JwtAuthenticator auth, TripApi trips)
{
    [Function(nameof(GetTripFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trips/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        if (!Guid.TryParse(id, out var tripId) || await trips.GetAsync(tripId, userId, cancellationToken) is not { } trip)
        {
            return Problems.NotFound();
        }
        request.HttpContext.Response.Headers.ETag = ETags.For(trip.Version);
        return new OkObjectResult(trip);
    }
}
