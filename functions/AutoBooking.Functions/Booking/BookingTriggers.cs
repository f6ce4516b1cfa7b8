using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Function triggers for the class-based saga. The Durable source generator (which writes these adapters)
/// is not available from this project's package mirror, so they are written out here: each resolves the
/// class and runs it, exactly as the generated code would. Tests run these adapters in the in-process
/// Durable engine.
/// </summary>
public static class BookingTriggers
{
    [Function(nameof(BookTripOrchestrator))]
    public static Task<BookingOutcome> BookTrip([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BookTripOrchestrator().RunAsync(context, context.GetInput<BookingSagaInput>()!);
    }

    [Function(CheckKillSwitchActivity.DurableName)]
    public static Task<bool> CheckKillSwitch([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<CheckKillSwitchActivity, BookingSagaInput, bool>(input, instanceId, executionContext);

    [Function(nameof(HoldFareActivity))]
    public static Task<OrderResult> HoldFare([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<HoldFareActivity, BookingSagaInput, OrderResult>(input, instanceId, executionContext);

    [Function(nameof(CheckHeldFareActivity))]
    public static Task<HeldFareCheck> CheckHeldFare([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<CheckHeldFareActivity, BookingSagaInput, HeldFareCheck>(input, instanceId, executionContext);

    [Function(nameof(RepriceHeldFareActivity))]
    public static Task<bool> RepriceHeldFare([ActivityTrigger] RepriceHeldFareInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<RepriceHeldFareActivity, RepriceHeldFareInput, bool>(input, instanceId, executionContext);

    [Function(nameof(PayHeldFareActivity))]
    public static Task<HoldPaymentResult> PayHeldFare([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<PayHeldFareActivity, BookingSagaInput, HoldPaymentResult>(input, instanceId, executionContext);

    [Function(nameof(RequestApprovalActivity))]
    public static Task<bool> RequestApproval([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<RequestApprovalActivity, BookingSagaInput, bool>(input, instanceId, executionContext);

    [Function(nameof(RepriceOfferActivity))]
    public static Task<StepResult> RepriceOffer([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<RepriceOfferActivity, BookingSagaInput, StepResult>(input, instanceId, executionContext);

    [Function(nameof(AuthorizePaymentActivity))]
    public static Task<AuthorizationResult> AuthorizePayment([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<AuthorizePaymentActivity, BookingSagaInput, AuthorizationResult>(input, instanceId, executionContext);

    [Function(nameof(AwaitAuthenticationActivity))]
    public static Task<bool> AwaitAuthentication([ActivityTrigger] AwaitAuthenticationInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<AwaitAuthenticationActivity, AwaitAuthenticationInput, bool>(input, instanceId, executionContext);

    [Function(nameof(ConfirmAuthenticationActivity))]
    public static Task<bool> ConfirmAuthentication([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<ConfirmAuthenticationActivity, BookingSagaInput, bool>(input, instanceId, executionContext);

    [Function(nameof(CreateOrderActivity))]
    public static Task<OrderResult> CreateOrder([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<CreateOrderActivity, BookingSagaInput, OrderResult>(input, instanceId, executionContext);

    [Function(LookUpOrderActivity.DurableName)]
    public static Task<OrderResult?> LookUpOrder([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<LookUpOrderActivity, BookingSagaInput, OrderResult?>(input, instanceId, executionContext);

    [Function(nameof(CapturePaymentActivity))]
    public static Task<bool> CapturePayment([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<CapturePaymentActivity, BookingSagaInput, bool>(input, instanceId, executionContext);

    [Function(nameof(CancelOrderActivity))]
    public static Task<bool> CancelOrder([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<CancelOrderActivity, BookingSagaInput, bool>(input, instanceId, executionContext);

    [Function(nameof(CancelAuthorizationActivity))]
    public static Task<bool> CancelAuthorization([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<CancelAuthorizationActivity, BookingSagaInput, bool>(input, instanceId, executionContext);

    [Function(nameof(ReadPaymentActivity))]
    public static Task<string?> ReadPayment([ActivityTrigger] BookingSagaInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<ReadPaymentActivity, BookingSagaInput, string?>(input, instanceId, executionContext);

    [Function(nameof(RecordBookingActivity))]
    public static Task<string> RecordBooking([ActivityTrigger] RecordBookingInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<RecordBookingActivity, RecordBookingInput, string>(input, instanceId, executionContext);

    [Function(nameof(EndAttemptActivity))]
    public static Task<bool> EndAttempt([ActivityTrigger] EndAttemptInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<EndAttemptActivity, EndAttemptInput, bool>(input, instanceId, executionContext);

    [Function(nameof(FlagAttemptActivity))]
    public static Task<bool> FlagAttempt([ActivityTrigger] EndAttemptInput input, string instanceId, FunctionContext executionContext) =>
        RunAsync<FlagAttemptActivity, EndAttemptInput, bool>(input, instanceId, executionContext);

    private static async Task<TOutput> RunAsync<TActivity, TInput, TOutput>(TInput input, string instanceId, FunctionContext executionContext)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        ITaskActivity activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(executionContext.InstanceServices);
        var result = await activity.RunAsync(new TriggeredActivityContext(BookingTasks.NameOf(typeof(TActivity)), instanceId), input);
        return (TOutput)result!;
    }

    private sealed class TriggeredActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
