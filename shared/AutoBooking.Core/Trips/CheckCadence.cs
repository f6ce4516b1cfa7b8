namespace AutoBooking.Core.Trips;

/// <summary>
/// How often a trip is checked (DESIGN §6): more often near departure, when fares come close to its limit or move
/// fast; less often far out, far above the limit or when fares are flat; and never faster than its remaining search
/// budget allows spread over the time left. Pure, so it is table-tested.
/// </summary>
public static class CheckCadence
{
    /// <summary>The shortest interval whatever the signals (a tenth of the base, at least ten minutes).</summary>
    public static TimeSpan Floor(TimeSpan baseInterval) => Max(baseInterval / 10, TimeSpan.FromMinutes(10));

    /// <summary>The longest interval: a trip is looked at at least daily while there is budget and time.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromHours(24);

    public static TimeSpan Next(CadenceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var factor = DepartureFactor(input.UntilDeparture) * PriceFactor(input.BestPrice, input.MaxPrice) * MoveFactor(input.PriceMove);
        var interval = Clamp(input.BaseInterval * (double)factor, Floor(input.BaseInterval), Ceiling);
        var remaining = input.CheckBudget - input.ChecksSoFar;
        if (remaining <= 0)
        {
            return Ceiling;
        }
        // Spread what is left of the budget over the time left: never spend it before departure.
        var budgetPace = input.UntilDeparture / remaining;
        return Clamp(Max(interval, budgetPace), Floor(input.BaseInterval), Ceiling);
    }

    /// <summary>Far out fares change slowly; the last week is when they move and seats go.</summary>
    private static decimal DepartureFactor(TimeSpan untilDeparture) => untilDeparture.TotalDays switch
    {
        > 120 => 4m,
        > 45 => 2m,
        > 14 => 1m,
        > 3 => 0.5m,
        _ => 0.25m,
    };

    /// <summary>A fare within 10% of the limit may dip under it any time; one twice the limit will not soon.</summary>
    private static decimal PriceFactor(decimal? best, decimal max)
    {
        if (best is not decimal price || max <= 0)
        {
            return 1m;
        }
        return (price / max) switch
        {
            <= 1.10m => 0.5m,
            <= 1.30m => 1m,
            <= 2m => 2m,
            _ => 3m,
        };
    }

    /// <summary>Moving fares are watched closer; flat ones less.</summary>
    private static decimal MoveFactor(decimal? move) => move switch
    {
        null => 1m,
        var m when Math.Abs(m.Value) >= 0.05m => 0.5m,
        var m when Math.Abs(m.Value) < 0.005m => 1.5m,
        _ => 1m,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
