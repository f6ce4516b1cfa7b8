using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Account;

/// <summary>
/// <c>/api/travelers</c>: the caller's passenger profiles — create, list, get, replace (If-Match optional), delete.
/// Stored encrypted; another user's profile is a 404.
/// </summary>
public sealed class TravelersFunction(JwtAuthenticator auth, TravelerApi travelers, TimeProvider clock)
{
    [Function("CreateTravelerFunction")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "travelers")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        var (key, keyProblem) = IdempotencyKey.Read(request);
        var (traveler, problem) = await ReadAsync(request, cancellationToken);
        if (traveler is null || keyProblem is not null)
        {
            return problem ?? keyProblem!;
        }
        var outcome = await travelers.CreateAsync(userId, traveler, IdempotencyKey.Claim(key, userId, "create_traveler", traveler), cancellationToken);
        return outcome.Status switch
        {
            CreateStatus.LimitReached => Problems.TravelerLimit(TravelerApi.MaxTravelersPerUser),
            CreateStatus.KeyReused => Problems.IdempotencyKeyReused(),
            CreateStatus.ErasureInProgress => Problems.ErasureInProgress(),
            _ => await CreatedAsync(request, outcome, userId, cancellationToken),
        };
    }

    /// <summary>
    /// 201 with the profile, made now or by the first request with the same Idempotency-Key (404 if since deleted; a
    /// profile made now and already gone was taken by an erasure of the caller that ran right after).
    /// </summary>
    private async Task<IActionResult> CreatedAsync(HttpRequest request, CreateOutcome outcome, string userId, CancellationToken cancellationToken)
    {
        if (outcome.Status == CreateStatus.Replayed)
        {
            IdempotencyKey.MarkReplayed(request);
        }
        if (await travelers.GetAsync(outcome.Id, userId, cancellationToken) is not { } created)
        {
            return outcome.Status == CreateStatus.Created ? Problems.ErasureInProgress() : Problems.NotFound();
        }
        request.HttpContext.Response.Headers.ETag = ETags.For(created.Version);
        return new CreatedResult($"/api/travelers/{created.Id}", created);
    }

    [Function("ListTravelersFunction")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "travelers")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        var (paging, errors) = Paging.From(request);
        return paging is null ? Problems.Validation(errors) : new OkObjectResult(await travelers.ListAsync(userId, paging, cancellationToken));
    }

    [Function("GetTravelerFunction")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "travelers/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        if (!Guid.TryParse(id, out var travelerId) || await travelers.GetAsync(travelerId, userId, cancellationToken) is not { } traveler)
        {
            return Problems.NotFound();
        }
        request.HttpContext.Response.Headers.ETag = ETags.For(traveler.Version);
        return new OkObjectResult(traveler);
    }

    [Function("UpdateTravelerFunction")]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "travelers/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        if (!Guid.TryParse(id, out var travelerId) || await travelers.GetAsync(travelerId, userId, cancellationToken) is null)
        {
            return Problems.NotFound();
        }
        var (traveler, problem) = await ReadAsync(request, cancellationToken);
        if (traveler is null)
        {
            return problem!;
        }
        if (await travelers.UpdateAsync(travelerId, userId, traveler, ETags.ExpectedVersion(request), cancellationToken) is not { } updated)
        {
            return Problems.VersionMismatch();
        }
        request.HttpContext.Response.Headers.ETag = ETags.For(updated.Version);
        return new OkObjectResult(updated);
    }

    [Function("DeleteTravelerFunction")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "travelers/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        return Guid.TryParse(id, out var travelerId) && await travelers.DeleteAsync(travelerId, userId, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound();
    }

    private async Task<(Core.Trips.Traveler? Traveler, IActionResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<TravelerDto>(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        var errors = new Dictionary<string, string[]>();
        var traveler = TravelerValidator.Validate(body, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), "", errors, adultOnly: false);
        return traveler is null ? (null, Problems.Validation(errors)) : (traveler, null);
    }
}
