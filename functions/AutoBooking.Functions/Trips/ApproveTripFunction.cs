using AutoBooking.Core.Booking;
using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AutoBooking.Functions.Trips;

/// <summary>
/// <c>POST /api/trips/{id}/approval</c>: the traveler's answer to a fare awaiting approval, raised on the trip's
/// booking saga. 409 with the trip's status when nothing awaits an answer.
/// </summary>
public sealed class ApproveTripFunction(JwtAuthenticator auth, BookingRepository bookings, TripRepository trips)
{
    [Function(nameof(ApproveTripFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "trips/{id}/approval")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        if (!Guid.TryParse(id, out var tripId) || await trips.GetForOwnerAsync(tripId, userId, cancellationToken) is not var (trip, _, _))
        {
            return Problems.NotFound();
        }
        var (body, problem) = await JsonBody.ReadAsync<ApprovalRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Approve is not bool approve)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["/approve"] = ["Is required: true to buy, false to keep watching."] });
        }
        if (!trip.ApprovalRequired || await bookings.ActiveAttemptForOwnerAsync(tripId, userId, cancellationToken) is not { } attempt)
        {
            return Problems.IllegalTransition(trip.Status);
        }
        await durable.RaiseEventAsync(attempt.InstanceId, ApprovalDecision.EventName, new ApprovalDecision(approve), cancellationToken);
        return new AcceptedResult((string?)null, new { approve });
    }
}
