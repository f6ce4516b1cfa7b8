namespace AutoBooking.Core.Offers;

/// <summary>
/// The fare conditions a trip requires: refundable and/or changeable before departure (see <see cref="FareRequirement"/>).
/// Checked against the offer-level conditions; a condition the airline left null is unknown and meets no requirement.
/// </summary>
public sealed record FareRequirements(FareRequirement? Refundable, FareRequirement? Changeable)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Refundable is null && Changeable is null;

    public bool AreMetBy(FareConditions conditions, string tripCurrency)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return (Refundable is null || Refundable.IsMetBy(conditions.RefundBeforeDeparture, tripCurrency))
            && (Changeable is null || Changeable.IsMetBy(conditions.ChangeBeforeDeparture, tripCurrency));
    }
}
