using AutoBooking.Core.Booking;
using AutoBooking.Functions.Operations;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// The saga asks the kill switch again before it holds or spends money, since the attempt may have waited in the queue
/// or for the traveler. True: buying may go on.
/// </summary>
[RecordedName(DurableName)]
public sealed class CheckKillSwitchActivity(KillSwitch killSwitch) : SagaActivity<BookingSagaInput, bool>
{
    /// <summary>The name sagas record in their history (the activity's name before the rename), kept so sagas in flight at a deploy replay.</summary>
    public const string DurableName = "CheckPipelineActivity";

    protected override Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input) => killSwitch.AllowsBuyingAsync();
}
