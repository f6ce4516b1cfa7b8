using AutoBooking.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Every authenticated endpoint, invoked the way the Functions host would, for matrix tests. The target id is
/// a trip id (or a booking id for the booking endpoint).
/// </summary>
public static class ApiEndpoints
{
    public delegate Task<IActionResult> Invoke(PipelineHarness harness, string? token, Guid tripId, Guid bookingId);

    public static readonly IReadOnlyDictionary<string, Invoke> All = new Dictionary<string, Invoke>
    {
        ["POST /trips"] = (h, t, _, _) => h.Get<CreateTripFunction>().Run(PipelineHarness.Request("POST", TripBodies.Valid(), t), default),
        ["GET /trips"] = (h, t, _, _) => h.Get<ListTripsFunction>().Run(PipelineHarness.Request("GET", token: t), default),
        ["GET /trips/{id}"] = (h, t, id, _) => h.Get<GetTripFunction>().Run(PipelineHarness.Request("GET", token: t), id.ToString(), default),
        ["POST /trips/{id}/pause"] = (h, t, id, _) => h.Get<TripCommandsFunction>().Pause(PipelineHarness.Request("POST", token: t), id.ToString(), default),
        ["POST /trips/{id}/resume"] = (h, t, id, _) => h.Get<TripCommandsFunction>().Resume(PipelineHarness.Request("POST", token: t), id.ToString(), default),
        ["POST /trips/{id}/cancel"] = (h, t, id, _) => h.Get<TripCommandsFunction>().Cancel(PipelineHarness.Request("POST", token: t), id.ToString(), default),
        ["GET /trips/{id}/events"] = (h, t, id, _) => h.Get<TripHistoryFunction>().Events(PipelineHarness.Request("GET", token: t), id.ToString(), default),
        ["GET /trips/{id}/prices"] = (h, t, id, _) => h.Get<TripHistoryFunction>().Prices(PipelineHarness.Request("GET", token: t), id.ToString(), default),
        ["GET /bookings"] = (h, t, _, _) => h.Get<BookingsFunction>().List(PipelineHarness.Request("GET", token: t), default),
        ["GET /bookings/{id}"] = (h, t, _, b) => h.Get<BookingsFunction>().Get(PipelineHarness.Request("GET", token: t), b.ToString(), default),
    };

    /// <summary>The endpoints that address one resource by id: another user's id must read as missing.</summary>
    public static IEnumerable<string> ById => All.Keys.Where(k => k.Contains("{id}", StringComparison.Ordinal));

    public static ProblemDetails AssertProblem(IActionResult result, int status, string type, string because)
    {
        var objectResult = Assert.IsType<ObjectResult>(result, exactMatch: false);
        Assert.True(status == objectResult.StatusCode, $"{because}: expected {status}, got {objectResult.StatusCode}");
        Assert.Contains("application/problem+json", objectResult.ContentTypes);
        var problem = Assert.IsType<ProblemDetails>(objectResult.Value, exactMatch: false);
        Assert.Equal("https://autobooking.dev/problems/" + type, problem.Type);
        Assert.Equal(status, problem.Status);
        return problem;
    }

    public static int StatusOf(IActionResult result) => result switch
    {
        ObjectResult o => o.StatusCode ?? StatusCodes.Status200OK,
        StatusCodeResult s => s.StatusCode,
        _ => throw new InvalidOperationException(result.GetType().Name),
    };
}
