namespace AutoBooking.Core.Offers;

/// <summary>
/// What the whole fare (every slice, every passenger) lets the traveler do after booking, as Duffel's offer-level
/// <c>conditions</c> say. A null condition means the airline gave no information: unknown, never assumed allowed.
/// </summary>
public sealed record FareConditions(FareCondition? RefundBeforeDeparture, FareCondition? ChangeBeforeDeparture)
{
    public static FareConditions Unknown { get; } = new(null, null);
}
