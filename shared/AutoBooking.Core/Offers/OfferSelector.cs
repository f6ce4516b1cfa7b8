namespace AutoBooking.Core.Offers;

/// <summary>
/// Picks the offer to buy. Hard filters first, then a transparent ordering: price, then fewer stops,
/// then shorter journey, then provider id, so the same offers always give the same choice.
/// </summary>
public static class OfferSelector
{
    public static OfferSelection Select(
        IEnumerable<OfferCandidate> offers, SelectionCriteria criteria, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(criteria);

        var all = offers.ToList();
        var bestOverall = Order(all.Where(o => SameCurrency(o, criteria))).FirstOrDefault();
        var qualifying = Order(all.Where(o => Qualifies(o, criteria, now))).ToList();
        var chosen = qualifying.FirstOrDefault();

        var explanation = chosen is null
            ? Explain(all, bestOverall, criteria)
            : $"Cheapest of {qualifying.Count} qualifying offer(s): {chosen.Total} with {chosen.MaxStops} stop(s), " +
              $"within the {criteria.MaxTotal} limit.";
        return new OfferSelection(chosen, bestOverall, qualifying.Count, explanation);
    }

    public static bool Qualifies(OfferCandidate offer, SelectionCriteria criteria, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(criteria);
        return SameCurrency(offer, criteria)
            && offer.Total.Amount <= criteria.MaxTotal.Amount
            && offer.MaxStops <= criteria.MaxConnections
            && offer.ExpiresAt - criteria.ExpirySafetyBuffer > now
            && (criteria.Filters ?? OfferFilters.None).Allows(offer);
    }

    private static bool SameCurrency(OfferCandidate offer, SelectionCriteria criteria) =>
        string.Equals(offer.Total.Currency, criteria.MaxTotal.Currency, StringComparison.OrdinalIgnoreCase);

    private static IOrderedEnumerable<OfferCandidate> Order(IEnumerable<OfferCandidate> offers) =>
        offers.OrderBy(o => o.Total.Amount)
            .ThenBy(o => o.MaxStops)
            .ThenBy(o => o.TotalDuration)
            .ThenBy(o => o.ProviderOfferId, StringComparer.Ordinal);

    private static string Explain(List<OfferCandidate> all, OfferCandidate? bestOverall, SelectionCriteria criteria)
    {
        if (all.Count == 0)
        {
            return "No offers were found for this search.";
        }
        return bestOverall is null
            ? $"No offer was priced in {criteria.MaxTotal.Currency}."
            : $"No offer met every criterion; the best price was {bestOverall.Total} against a limit of {criteria.MaxTotal}.";
    }
}
