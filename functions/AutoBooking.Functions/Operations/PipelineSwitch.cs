using Microsoft.FeatureManagement;

namespace AutoBooking.Functions.Operations;

/// <summary>
/// The two feature flags every entry point checks: the pipeline must be enabled and the emergency kill
/// switch off. The kill switch wins.
/// </summary>
public sealed class PipelineSwitch(IFeatureManager features)
{
    public const string PipelineEnabled = "auto_booking_pipeline_enabled";
    public const string EmergencyDisable = "auto_booking_emergency_disable";

    public async Task<bool> IsOpenAsync() =>
        !await features.IsEnabledAsync(EmergencyDisable) && await features.IsEnabledAsync(PipelineEnabled);
}
