using AutoBooking.Core.Booking;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// The booking saga. It only sequences steps and compensates; every decision lives in the activities and the Core
/// types they return. Money is captured only after Duffel confirms the order (invariant 1), order creation is
/// never retried (invariant 4), and every path ends in a recorded terminal attempt state (invariant 5): the
/// orchestration itself completes, whatever its steps throw (<see cref="BookingSaga"/>).
/// </summary>
public sealed class BookTripOrchestrator : TaskOrchestrator<BookingSagaInput, BookingOutcome>
{
    public override Task<BookingOutcome> RunAsync(TaskOrchestrationContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new BookingSaga(context, input).RunAsync();
    }
}
