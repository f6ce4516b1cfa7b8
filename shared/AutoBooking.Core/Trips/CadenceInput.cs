namespace AutoBooking.Core.Trips;

/// <summary>
/// What decides when a trip is checked next: the base interval, the time left until its earliest departure, how close
/// the best fare of its last check came to its limit (<see cref="BestPrice"/> / <see cref="MaxPrice"/>; null: no fare
/// seen), how much that fare moved since the check before (relative, 0.1 = 10%; null: unknown), and how many of its
/// search budget it has spent.
/// </summary>
public sealed record CadenceInput(
    TimeSpan BaseInterval, TimeSpan UntilDeparture, decimal? BestPrice, decimal MaxPrice, decimal? PriceMove, int ChecksSoFar, int CheckBudget);
