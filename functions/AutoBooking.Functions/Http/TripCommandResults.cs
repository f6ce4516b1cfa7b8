using AutoBooking.Functions.Pipeline;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.Functions.Http;

/// <summary>The one answer to a traveller's change of a trip: the problem for a refusal, or the trip as it is now with its ETag.</summary>
public static class TripCommandResults
{
    public static async Task<IActionResult> ToResponseAsync(
        TripCommandResult result, Guid tripId, string userId, TripApi trips, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(trips);
        ArgumentNullException.ThrowIfNull(request);
        switch (result.Outcome)
        {
            case TripCommandOutcome.NotFound:
                return Problems.NotFound();
            case TripCommandOutcome.VersionMismatch:
                return Problems.VersionMismatch();
            case TripCommandOutcome.IllegalTransition:
                return Problems.IllegalTransition(result.CurrentStatus!);
            case TripCommandOutcome.PersonalDataErased:
                return Problems.PersonalDataErased(result.CurrentStatus!);
            default:
                var trip = await trips.GetAsync(tripId, userId, cancellationToken);
                request.HttpContext.Response.Headers.ETag = ETags.For(trip!.Version);
                return new OkObjectResult(trip);
        }
    }
}
