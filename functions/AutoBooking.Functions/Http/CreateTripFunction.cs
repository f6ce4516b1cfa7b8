using AutoBooking.Functions.Auth;
using AutoBooking.Functions.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Http;

/// <summary><c>POST /api/trips</c>: start watching fares for a trip; enqueues its first search.</summary>
public sealed class CreateTripFunction(
    JwtAuthenticator auth, PipelineSwitch pipeline, TripApi trips, IOptions<ApiOptions> limits, TimeProvider clock)
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
        if (problem is not null)
        {
            return problem;
        }
        var saved = await trips.ResolveSavedAsync(userId, body!, cancellationToken);
        var (trip, errors) = CreateTripValidator.Validate(body!, userId, clock.GetUtcNow(), saved);
        if (trip is null)
        {
            return Problems.Validation(errors);
        }
        if (!await pipeline.IsOpenAsync())
        {
            return Problems.PipelineDisabled();
        }
        if (await trips.CreateAsync(trip, CorrelationId.From(request), cancellationToken) is not Guid id)
        {
            return Problems.ActiveTripLimit(limits.Value.MaxActiveTripsPerUser);
        }
        var created = await trips.GetAsync(id, userId, cancellationToken);
        request.HttpContext.Response.Headers.ETag = ETags.For(created!.Version);
        return new CreatedResult($"/api/trips/{id}", created);
    }
}
