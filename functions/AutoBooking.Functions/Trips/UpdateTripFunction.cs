using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Trips;

/// <summary>
/// <c>PATCH /api/trips/{id}</c>: change the search criteria while watching or paused (409 otherwise), with
/// optimistic concurrency through If-Match (412 when stale). Omitted members keep their value.
/// </summary>
public sealed class UpdateTripFunction(JwtAuthenticator auth, TripApi trips, TimeProvider clock)
{
    [Function(nameof(UpdateTripFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "trips/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        if (!Guid.TryParse(id, out var tripId) || await trips.GetAsync(tripId, userId, cancellationToken) is not { } current)
        {
            return Problems.NotFound();
        }
        var (patch, problem) = await JsonBody.ReadAsync<UpdateTripRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new Dictionary<string, string[]>();
        var merged = new CriteriaInput(patch!.Origin ?? current.Origin, patch.Destination ?? current.Destination,
            patch.DepartureDate ?? current.DepartureDate, patch.Cabin ?? current.Cabin, patch.MaxConnections ?? current.MaxConnections,
            patch.MaxPrice ?? new MoneyDto(current.MaxPrice.Amount, current.MaxPrice.Currency),
            patch.IncludedAirlines ?? current.IncludedAirlines, patch.ExcludedAirlines ?? current.ExcludedAirlines,
            patch.MaxDurationMinutes ?? current.MaxDurationMinutes, patch.CheckedBags ?? current.CheckedBags,
            patch.AdditionalOrigins ?? current.AdditionalOrigins, patch.AdditionalDestinations ?? current.AdditionalDestinations,
            patch.LatestDepartureDate ?? current.LatestDepartureDate,
            patch.ReturnStay ?? (current.ReturnStay is { } stay ? new ReturnStayDto(stay.MinNights, stay.MaxNights) : null),
            patch.PreferredAirlines ?? current.PreferredAirlines,
            patch.FareConditions ?? current.FareConditions);
        if (CreateTripValidator.ValidateCriteria(merged, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), errors) is not { } criteria)
        {
            return Problems.Validation(errors);
        }
        var result = await trips.UpdateCriteriaAsync(tripId, userId, criteria, ETags.ExpectedVersion(request), CorrelationId.From(request), cancellationToken);
        return await TripCommandResults.ToResponseAsync(result, tripId, userId, trips, request, cancellationToken);
    }
}
