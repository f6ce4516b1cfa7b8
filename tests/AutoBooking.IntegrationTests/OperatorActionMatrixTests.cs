using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Every operator action against every attempt state (issue 19, item 4): an attempt crashed after authorizing (its hold's
/// id never recorded), before the order, before the capture, after the capture, flagged while Duffel was down, booked,
/// and failed; each met by reconcile, release, cancel-order, record-booking and refund. The action answers 200 or a
/// problem (never a 5xx), and once one reconciler pass has run afterwards the trip keeps DESIGN §5's invariants: an
/// operator can refuse, but never leave a ticket unpaid, money taken without a ticket, or a hold forgotten.
/// </summary>
public sealed class OperatorActionMatrixTests : IAsyncLifetime
{
    private readonly ReconcilerRig rig = new();

    private PipelineHarness Harness => rig.Harness;

    public async Task InitializeAsync()
    {
        await rig.InitializeAsync();
        Harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
    }

    public Task DisposeAsync() => rig.DisposeAsync();

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var state in new[] { "crashed_after_authorize", "crashed_before_order", "crashed_before_capture", "crashed_after_capture", "flagged_before_capture", "booked", "failed" })
        {
            foreach (var action in new[] { "reconcile", "release", "cancel-order", "record-booking", "refund" })
            {
                cases.Add(state, action);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Action_InState_AnswersWithoutA5xx_AndTheInvariantsHold(string state, string action)
    {
        var tripId = await ArrangeAsync(state);
        var attemptId = await rig.Db.ScalarAsync<Guid>("select id from booking_attempts where trip_id = @tripId", new { tripId });
        var orders = Harness.Sandbox.Ledger.Orders;
        var orderId = orders.Count > 0 ? orders[0].Id : "ord_0000AhTmNoSuchOrder";

        var result = await ActAsync(action, attemptId, orderId);

        var status = result is ObjectResult o ? o.StatusCode ?? 200 : result is StatusCodeResult s ? s.StatusCode : 200;
        Assert.True(status is 200 or 400 or 404 or 409, $"{state} × {action}: answered {status}");
        if (status != 200)
        {
            Assert.IsAssignableFrom<ProblemDetails>(((ObjectResult)result).Value);
        }
        rig.LetAnHourPass();
        await rig.RunReconcilerAsync();
        await SagaInvariants.AssertTripAsync(Harness.Sandbox.Ledger, Harness.DatabaseConnectionString, tripId);
    }

    private async Task<Guid> ArrangeAsync(string state)
    {
        switch (state)
        {
            case "booked":
            {
                var tripId = await Harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("user-ada"));
                Assert.Equal(Core.Booking.BookingOutcomeKind.Booked, (await Harness.RunBookingAsync(tripId)).Kind);
                return tripId;
            }
            case "failed":
            {
                var tripId = await Harness.CreateTripIdAsync(TripBodies.Valid(paymentMethod: "pm_card_chargeDeclined"), TestTokens.For("user-ada"));
                Assert.Equal(Core.Booking.BookingOutcomeKind.NotBooked, (await Harness.RunBookingAsync(tripId)).Kind);
                return tripId;
            }
            case "flagged_before_capture":
            {
                var tripId = await rig.BookAndCrashAsync(CrashPoint.BeforeCapture);
                rig.Switch.DuffelDown = true;
                rig.LetAnHourPass();
                await rig.RunReconcilerAsync();
                rig.Switch.DuffelDown = false;
                Assert.Equal("needs_attention", await rig.AttemptStatusAsync(tripId));
                return tripId;
            }
            default:
            {
                var point = state switch
                {
                    "crashed_after_authorize" => CrashPoint.AfterAuthorize,
                    "crashed_before_order" => CrashPoint.BeforeOrder,
                    "crashed_before_capture" => CrashPoint.BeforeCapture,
                    _ => CrashPoint.AfterCapture,
                };
                var tripId = await rig.BookAndCrashAsync(point);
                // Quiet long enough for operators and the reconciler to take it (its orchestration is gone).
                rig.LetAnHourPass();
                return tripId;
            }
        }
    }

    private Task<IActionResult> ActAsync(string action, Guid attemptId, string orderId)
    {
        var api = Harness.Get<OperatorAttemptsFunction>();
        var id = attemptId.ToString();
        var token = OperatorTokens.Operator();
        return action switch
        {
            "reconcile" => api.Reconcile(PipelineHarness.Request("POST", token: token), id, Harness.Durable, default),
            "release" => api.Release(PipelineHarness.Request("POST", token: token), id, Harness.Durable, default),
            "cancel-order" => api.CancelOrder(PipelineHarness.Request("POST", token: token), id, Harness.Durable, default),
            "record-booking" => api.RecordBooking(PipelineHarness.Request("POST", $$"""{"orderId":"{{orderId}}"}""", token), id, Harness.Durable, default),
            _ => api.Refund(PipelineHarness.Request("POST", token: token), id, Harness.Durable, default),
        };
    }
}
