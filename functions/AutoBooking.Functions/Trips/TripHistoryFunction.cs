using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Trips;

/// <summary><c>GET /api/trips/{id}/events</c> (audit trail, no PII) and <c>GET /api/trips/{id}/prices</c> (price history).</summary>
public sealed class TripHistoryFunction(JwtAuthenticator auth, TripApi trips)
{
    [Function("GetTripEventsFunction")]
    public async Task<IActionResult> Events(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trips/{id}/events")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        return Guid.TryParse(id, out var tripId) && await trips.EventsAsync(tripId, userId, cancellationToken) is { } events
            ? new OkObjectResult(events)
            : Problems.NotFound();
    }

    [Function("GetTripPricesFunction")]
    public async Task<IActionResult> Prices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trips/{id}/prices")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        return Guid.TryParse(id, out var tripId) && await trips.PricesAsync(tripId, userId, cancellationToken) is { } prices
            ? new OkObjectResult(prices)
            : Problems.NotFound();
    }
}
