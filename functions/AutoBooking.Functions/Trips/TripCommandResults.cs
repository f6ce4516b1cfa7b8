using AutoBooking.Functions.Api;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.Functions.Trips;

/// <summary>The one answer to a traveler's change of a trip: the problem for a refusal, or the trip as it is now with its ETag.</summary>
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
            case TripCommandOutcome.ErasureInProgress:
                return Problems.ErasureInProgress();
            default:
                // Trips are never deleted: only an erasure of the caller, right after the change, takes one out of their view.
                if (await trips.GetAsync(tripId, userId, cancellationToken) is not { } trip)
                {
                    return Problems.ErasureInProgress();
                }
                request.HttpContext.Response.Headers.ETag = ETags.For(trip.Version);
                return new OkObjectResult(trip);
        }
    }
}
