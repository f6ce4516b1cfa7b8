using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using AutoBooking.Functions.Operations;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Trips;

/// <summary><c>POST /api/trips</c>: start watching fares for a trip; enqueues its first search.</summary>
public sealed class CreateTripFunction(
    JwtAuthenticator auth, KillSwitch killSwitch, TripApi trips, IOptions<ApiOptions> limits, TimeProvider clock)
{
    [Function(nameof(CreateTripFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "trips")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        var (body, problem) = await JsonBody.ReadAsync<CreateTripRequest>(request, cancellationToken);
        var (key, keyProblem) = IdempotencyKey.Read(request);
        if ((problem ?? keyProblem) is { } unreadable)
        {
            return unreadable;
        }
        var saved = await trips.ResolveSavedAsync(userId, body!, cancellationToken);
        var (trip, errors) = CreateTripValidator.Validate(body!, userId, clock.GetUtcNow(), saved);
        if (trip is null)
        {
            return Problems.Validation(errors);
        }
        if (!await killSwitch.AllowsBuyingAsync())
        {
            return Problems.PipelineDisabled();
        }
        trip = trip with
        {
            SavedTravelerIds = [.. new[] { body!.TravelerId }.Concat((body.CompanionIds ?? []).Select(c => (Guid?)c)).OfType<Guid>()],
            SavedPaymentMethodId = body.PaymentMethodId,
        };
        var outcome = await trips.CreateAsync(trip, IdempotencyKey.Claim(key, userId, "create_trip", trip), CorrelationId.From(request), cancellationToken);
        return outcome.Status switch
        {
            CreateStatus.LimitReached => Problems.ActiveTripLimit(limits.Value.MaxActiveTripsPerUser),
            CreateStatus.KeyReused => Problems.IdempotencyKeyReused(),
            CreateStatus.ErasureInProgress => Problems.ErasureInProgress(),
            // Read a moment ago, erased or deleted since: the same answer as naming an unknown one.
            CreateStatus.SavedSelectionGone => Problems.Validation(new Dictionary<string, string[]>
            {
                [body.PaymentMethodId is not null && trip.SavedTravelerIds.Count == 0 ? "/paymentMethodId" : "/travelerId"] =
                    ["A saved traveler or card named here no longer exists (deleted or erased a moment ago)."],
            }),
            _ => await CreatedAsync(request, outcome, userId, cancellationToken),
        };
    }

    /// <summary>201 with the trip, made now or by the first request with the same Idempotency-Key.</summary>
    private async Task<IActionResult> CreatedAsync(HttpRequest request, CreateOutcome outcome, string userId, CancellationToken cancellationToken)
    {
        if (outcome.Status == CreateStatus.Replayed)
        {
            IdempotencyKey.MarkReplayed(request);
        }
        // Trips are never deleted, but an erasure of the caller that ran right after the create (it queued for the owner's
        // lock behind it) cancelled it and took the caller's id off it: it is no longer theirs to see.
        if (await trips.GetAsync(outcome.Id, userId, cancellationToken) is not { } created)
        {
            return Problems.ErasureInProgress();
        }
        request.HttpContext.Response.Headers.ETag = ETags.For(created.Version);
        return new CreatedResult($"/api/trips/{outcome.Id}", created);
    }
}
