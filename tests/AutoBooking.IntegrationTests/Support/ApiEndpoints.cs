using AutoBooking.Functions.Reconciliation;
using AutoBooking.Functions.Trips;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Every authenticated endpoint, invoked the way the Functions host would, for matrix tests. The target id is
/// a trip id (or a booking id for the booking endpoint).
/// </summary>
public static class ApiEndpoints
{
    public delegate Task<IActionResult> Invoke(PipelineHarness harness, string? token, Targets ids);

    /// <summary>The ids the by-id endpoints address.</summary>
    public sealed record Targets(Guid TripId, Guid BookingId, Guid TravelerId, Guid PaymentMethodId)
    {
        public static Targets All(Guid id) => new(id, id, id, id);
    }

    public static readonly IReadOnlyDictionary<string, Invoke> All = new Dictionary<string, Invoke>
    {
        ["POST /trips"] = (h, t, _) => h.Get<CreateTripFunction>().Run(PipelineHarness.Request("POST", TripBodies.Valid(), t), default),
        ["GET /trips"] = (h, t, _) => h.Get<ListTripsFunction>().Run(PipelineHarness.Request("GET", token: t), default),
        ["GET /trips/{id}"] = (h, t, x) => h.Get<GetTripFunction>().Run(PipelineHarness.Request("GET", token: t), x.TripId.ToString(), default),
        ["PATCH /trips/{id}"] = (h, t, x) => h.Get<UpdateTripFunction>().Run(PipelineHarness.Request("PATCH", """{"maxConnections":0}""", t), x.TripId.ToString(), default),
        ["POST /trips/{id}/approval"] = (h, t, x) => h.Get<ApproveTripFunction>().Run(PipelineHarness.Request("POST", """{"approve":true}""", t), x.TripId.ToString(), h.Durable, default),
        ["GET /trips/{id}/payment-action"] = (h, t, x) => h.Get<PaymentActionFunction>().Run(PipelineHarness.Request("GET", token: t), x.TripId.ToString(), default),
        ["POST /trips/{id}/pause"] = (h, t, x) => h.Get<TripCommandsFunction>().Pause(PipelineHarness.Request("POST", token: t), x.TripId.ToString(), default),
        ["POST /trips/{id}/resume"] = (h, t, x) => h.Get<TripCommandsFunction>().Resume(PipelineHarness.Request("POST", token: t), x.TripId.ToString(), default),
        ["POST /trips/{id}/cancel"] = (h, t, x) => h.Get<TripCommandsFunction>().Cancel(PipelineHarness.Request("POST", token: t), x.TripId.ToString(), default),
        ["GET /trips/{id}/events"] = (h, t, x) => h.Get<TripHistoryFunction>().Events(PipelineHarness.Request("GET", token: t), x.TripId.ToString(), default),
        ["GET /trips/{id}/prices"] = (h, t, x) => h.Get<TripHistoryFunction>().Prices(PipelineHarness.Request("GET", token: t), x.TripId.ToString(), default),
        ["GET /bookings"] = (h, t, _) => h.Get<BookingsFunction>().List(PipelineHarness.Request("GET", token: t), default),
        ["GET /bookings/{id}"] = (h, t, x) => h.Get<BookingsFunction>().Get(PipelineHarness.Request("GET", token: t), x.BookingId.ToString(), default),
        ["POST /travelers"] = (h, t, _) => h.Get<TravelersFunction>().Create(PipelineHarness.Request("POST", TravelerBodies.Valid(), t), default),
        ["GET /travelers"] = (h, t, _) => h.Get<TravelersFunction>().List(PipelineHarness.Request("GET", token: t), default),
        ["GET /travelers/{id}"] = (h, t, x) => h.Get<TravelersFunction>().Get(PipelineHarness.Request("GET", token: t), x.TravelerId.ToString(), default),
        ["PUT /travelers/{id}"] = (h, t, x) => h.Get<TravelersFunction>().Update(PipelineHarness.Request("PUT", TravelerBodies.Valid(), t), x.TravelerId.ToString(), default),
        ["DELETE /travelers/{id}"] = (h, t, x) => h.Get<TravelersFunction>().Delete(PipelineHarness.Request("DELETE", token: t), x.TravelerId.ToString(), default),
        ["POST /payment-methods/setup-intents"] = (h, t, _) => h.Get<PaymentMethodsFunction>().StartSetup(PipelineHarness.Request("POST", token: t), default),
        ["GET /payment-methods"] = (h, t, _) => h.Get<PaymentMethodsFunction>().List(PipelineHarness.Request("GET", token: t), default),
        ["DELETE /payment-methods/{id}"] = (h, t, x) => h.Get<PaymentMethodsFunction>().Remove(PipelineHarness.Request("DELETE", token: t), x.PaymentMethodId.ToString(), default),
        ["GET /operator/attempts"] = (h, t, _) => h.Get<OperatorAttemptsFunction>().List(PipelineHarness.Request("GET", token: t), default),
        ["POST /operator/attempts/{attemptId}/reconcile"] = (h, t, x) => h.Get<OperatorAttemptsFunction>().Reconcile(PipelineHarness.Request("POST", token: t), x.TripId.ToString(), h.Durable, default),
        ["POST /operator/attempts/{attemptId}/release"] = (h, t, x) => h.Get<OperatorAttemptsFunction>().Release(PipelineHarness.Request("POST", token: t), x.TripId.ToString(), h.Durable, default),
        ["POST /operator/attempts/{attemptId}/refund"] = (h, t, x) => h.Get<OperatorAttemptsFunction>().Refund(PipelineHarness.Request("POST", token: t), x.TripId.ToString(), h.Durable, default),
        ["POST /operator/attempts/{attemptId}/cancel-order"] = (h, t, x) => h.Get<OperatorAttemptsFunction>().CancelOrder(PipelineHarness.Request("POST", token: t), x.TripId.ToString(), h.Durable, default),
        ["POST /operator/attempts/{attemptId}/record-booking"] = (h, t, x) => h.Get<OperatorAttemptsFunction>().RecordBooking(PipelineHarness.Request("POST", """{"orderId":"ord_0000"}""", t), x.TripId.ToString(), h.Durable, default),
        ["GET /me/export"] = (h, t, _) => h.Get<PersonalDataFunction>().Export(PipelineHarness.Request("GET", token: t), default),
        ["DELETE /me"] = (h, t, _) => h.Get<PersonalDataFunction>().Erase(PipelineHarness.Request("DELETE", token: t), default),
    };

    /// <summary>The operators' endpoints: a valid token without the operator role is 403.</summary>
    public static IEnumerable<string> OperatorOnly => All.Keys.Where(k => k.Contains("/operator/", StringComparison.Ordinal));

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
        ProblemBodies.AssertClean(result, because);
        return problem;
    }

    public static int StatusOf(IActionResult result) => result switch
    {
        ObjectResult o => o.StatusCode ?? StatusCodes.Status200OK,
        StatusCodeResult s => s.StatusCode,
        _ => throw new InvalidOperationException(result.GetType().Name),
    };
}
