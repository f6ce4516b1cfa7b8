using AutoBooking.Core.Reconciliation;
using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Tests;

public class ReconcilePolicyTests
{
    [Theory]
    [InlineData(HoldState.Held, OrderState.Live, "Capture,RecordBooking", ReconcileVerdict.Booked, null)]
    [InlineData(HoldState.Captured, OrderState.Live, "RecordBooking", ReconcileVerdict.Booked, null)]
    [InlineData(HoldState.Released, OrderState.Live, "CancelOrder", ReconcileVerdict.NotBooked, "payment_not_taken")]
    [InlineData(HoldState.None, OrderState.Live, "CancelOrder", ReconcileVerdict.NotBooked, "payment_not_taken")]
    [InlineData(HoldState.Held, OrderState.Absent, "ReleaseHold", ReconcileVerdict.NotBooked, "order_absent")]
    [InlineData(HoldState.Held, OrderState.Cancelled, "ReleaseHold", ReconcileVerdict.NotBooked, "order_absent")]
    [InlineData(HoldState.Captured, OrderState.Absent, "Refund", ReconcileVerdict.NotBooked, "order_absent")]
    [InlineData(HoldState.Released, OrderState.Absent, "", ReconcileVerdict.NotBooked, "order_absent")]
    [InlineData(HoldState.None, OrderState.Absent, "", ReconcileVerdict.NotBooked, "order_absent")]
    [InlineData(HoldState.Held, OrderState.Held, "CancelOrder,ReleaseHold", ReconcileVerdict.NotBooked, "hold_not_paid")]
    [InlineData(HoldState.Captured, OrderState.Held, "CancelOrder,Refund", ReconcileVerdict.NotBooked, "hold_not_paid")]
    [InlineData(HoldState.None, OrderState.Held, "CancelOrder", ReconcileVerdict.NotBooked, "hold_not_paid")]
    [InlineData(HoldState.Released, OrderState.Held, "CancelOrder", ReconcileVerdict.NotBooked, "hold_not_paid")]
    [InlineData(HoldState.Unknown, OrderState.Held, "", ReconcileVerdict.Wait, null)]
    [InlineData(HoldState.Unknown, OrderState.Live, "", ReconcileVerdict.Wait, null)]
    [InlineData(HoldState.Pending, OrderState.Live, "", ReconcileVerdict.Wait, null)]
    [InlineData(HoldState.Held, OrderState.Unknown, "", ReconcileVerdict.Wait, null)]
    [InlineData(HoldState.Captured, OrderState.Unknown, "", ReconcileVerdict.Wait, null)]
    public void Decide_ProviderFacts_GiveThePlan(HoldState hold, OrderState order, string steps, ReconcileVerdict verdict, string? code)
    {
        var plan = ReconcilePolicy.Decide(new ReconcileFacts(hold, order, BookingRecorded: false, TripBookedElsewhere: false));

        Assert.Equal(steps, string.Join(",", plan.Steps));
        Assert.Equal(verdict, plan.Verdict);
        Assert.Equal(code, plan.FailureCode);
    }

    [Theory]
    [InlineData(HoldState.Held, "CancelOrder,ReleaseHold")]
    [InlineData(HoldState.Captured, "CancelOrder,Refund")]
    [InlineData(HoldState.Released, "CancelOrder")]
    public void Decide_TripBookedByAnotherAttempt_ReturnsTheTicketAndTheMoney(HoldState hold, string steps)
    {
        var plan = ReconcilePolicy.Decide(new ReconcileFacts(hold, OrderState.Live, BookingRecorded: false, TripBookedElsewhere: true));

        Assert.Equal(steps, string.Join(",", plan.Steps));
        Assert.Equal("duplicate_booking", plan.FailureCode);
        Assert.Null(plan.TripTo);
    }

    [Fact]
    public void Decide_NeverCapturesWithoutALiveOrder()
    {
        foreach (var hold in Enum.GetValues<HoldState>())
        {
            foreach (var order in Enum.GetValues<OrderState>().Where(o => o != OrderState.Live))
            {
                foreach (var elsewhere in new[] { false, true })
                {
                    var plan = ReconcilePolicy.Decide(new ReconcileFacts(hold, order, false, elsewhere));
                    Assert.DoesNotContain(ReconcileStep.Capture, plan.Steps);
                    Assert.NotEqual(ReconcileVerdict.Booked, plan.Verdict);
                }
            }
        }
    }

    [Fact]
    public void Decide_NeverReleasesWhileAnOrderMayExist()
    {
        foreach (var hold in Enum.GetValues<HoldState>())
        {
            var plan = ReconcilePolicy.Decide(new ReconcileFacts(hold, OrderState.Unknown, false, false));
            Assert.Empty(plan.Steps);
            Assert.Equal(ReconcileVerdict.Wait, plan.Verdict);
        }
    }

    [Fact]
    public void Decide_BookingAlreadyRecorded_OnlyClosesTheAttempt()
    {
        var plan = ReconcilePolicy.Decide(new ReconcileFacts(HoldState.Captured, OrderState.Live, BookingRecorded: true, TripBookedElsewhere: false));

        Assert.Empty(plan.Steps);
        Assert.Equal(ReconcileVerdict.Booked, plan.Verdict);
        Assert.Equal(TripStatus.Booked, plan.TripTo);
    }

    [Theory]
    [InlineData("requires_capture", HoldState.Held)]
    [InlineData("succeeded", HoldState.Captured)]
    [InlineData("canceled", HoldState.Released)]
    [InlineData("requires_payment_method", HoldState.None)]
    [InlineData("processing", HoldState.Pending)]
    [InlineData("requires_action", HoldState.Pending)]
    [InlineData(null, HoldState.None)]
    public void HoldOf_StripeStatus_Maps(string? status, HoldState expected) => Assert.Equal(expected, ReconcilePolicy.HoldOf(status));

    [Theory]
    [InlineData(HoldState.Held, 23.9, false)]
    [InlineData(HoldState.Held, 24, true)]
    [InlineData(HoldState.Captured, 100, false)]
    [InlineData(HoldState.Unknown, 100, false)]
    public void HoldNeedsEscalation_OnlyLiveHoldsPastTheThreshold(HoldState hold, double hours, bool expected) =>
        Assert.Equal(expected, ReconcilePolicy.HoldNeedsEscalation(hold, TimeSpan.FromHours(hours), TimeSpan.FromHours(24)));
}
