using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>The saga's orchestrator and activities, registered by class in any Durable worker (tests' in-process engine).</summary>
public static class BookingTasks
{
    public static DurableTaskRegistry AddBookingTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<BookTripOrchestrator>()
            .AddActivity<CheckPipelineActivity>()
            .AddActivity<RequestApprovalActivity>()
            .AddActivity<RepriceOfferActivity>()
            .AddActivity<AuthorizePaymentActivity>()
            .AddActivity<AwaitAuthenticationActivity>()
            .AddActivity<ConfirmAuthenticationActivity>()
            .AddActivity<CreateOrderActivity>()
            .AddActivity<ReconcileOrderActivity>()
            .AddActivity<CapturePaymentActivity>()
            .AddActivity<CancelOrderActivity>()
            .AddActivity<CancelAuthorizationActivity>()
            .AddActivity<ReadPaymentActivity>()
            .AddActivity<RecordBookingActivity>()
            .AddActivity<EndAttemptActivity>()
            .AddActivity<FlagAttemptActivity>();
    }
}
