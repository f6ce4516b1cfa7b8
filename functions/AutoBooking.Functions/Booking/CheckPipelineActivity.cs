using AutoBooking.Core.Booking;
using AutoBooking.Functions.Operations;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>First saga step: the kill switch is checked again, since the attempt may have waited in the queue.</summary>
public sealed class CheckPipelineActivity(PipelineSwitch pipeline) : SagaActivity<BookingSagaInput, bool>
{
    protected override Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input) => pipeline.IsOpenAsync();
}
