namespace AutoBooking.Core.Offers;

/// <summary>
/// The traveler requires a refund (or change) before departure to be allowed; with <see cref="MaxPenalty"/>, also a
/// known penalty of at most that much in the trip's currency (0: free). A penalty the airline states in another
/// currency cannot be compared without an exchange rate, so it does not meet a maximum.
/// </summary>
public sealed record FareRequirement(decimal? MaxPenalty = null)
{
    public bool IsMetBy(FareCondition? condition, string tripCurrency)
    {
        if (condition is not { Allowed: true })
        {
            return false;
        }
        if (MaxPenalty is not { } max)
        {
            return true;
        }
        return condition.Penalty is { } penalty
            && string.Equals(penalty.Currency, tripCurrency, StringComparison.OrdinalIgnoreCase)
            && penalty.Amount <= max;
    }
}
