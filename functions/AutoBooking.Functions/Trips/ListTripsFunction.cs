using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Trips;

/// <summary><c>GET /api/trips?limit=&amp;cursor=</c>: the caller's trips, newest first.</summary>
public sealed class ListTripsFunction(JwtAuthenticator auth, TripApi trips)
{
    [Function(nameof(ListTripsFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trips")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        var (paging, errors) = Paging.From(request);
        return paging is null ? Problems.Validation(errors) : new OkObjectResult(await trips.ListAsync(userId, paging, cancellationToken));
    }
}
