namespace AutoBooking.Core.Offers;

/// <summary>
/// One kind of post-booking change the fare allows (refund or change before departure): whether it is
/// <see cref="Allowed"/>, and the penalty for all passengers when it is. The penalty is in the airline's currency,
/// not necessarily the fare's; null when the airline did not say (or the change is not allowed).
/// </summary>
public sealed record FareCondition(bool Allowed, Money.Money? Penalty);
