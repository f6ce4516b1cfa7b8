using Microsoft.FeatureManagement;

namespace AutoBooking.Functions.Operations;

/// <summary>
/// The kill switch, checked by every stage that leads to buying (creating a trip, the sweep, the search, booking start,
/// the saga before it holds or spends money). Buying goes on only while the kill switch is off and the pipeline's
/// master flag on; the kill switch wins. Its flag's former name is honoured too, so a setting or runbook written
/// before the rename still stops buying.
/// </summary>
public sealed class KillSwitch(IFeatureManager features)
{
    /// <summary>On: stop all buying now.</summary>
    public const string Flag = "auto_booking_kill_switch";

    /// <summary>The kill switch's former flag name, honoured exactly like <see cref="Flag"/>.</summary>
    public const string FormerFlag = "auto_booking_emergency_disable";

    /// <summary>The pipeline's master flag (on in every deployment); off stops buying like the kill switch.</summary>
    public const string PipelineEnabled = "auto_booking_pipeline_enabled";

    /// <summary>True while buying may go on: the kill switch (under either name) is off and the pipeline enabled.</summary>
    public async Task<bool> AllowsBuyingAsync() =>
        !await features.IsEnabledAsync(Flag)
        && !await features.IsEnabledAsync(FormerFlag)
        && await features.IsEnabledAsync(PipelineEnabled);
}
