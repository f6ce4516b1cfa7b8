namespace AutoBooking.Core.Offers;

/// <summary>
/// Picks the offer to buy. Hard filters first, then a transparent ordering: price (an offer flown only by the
/// traveler's preferred airlines counts <see cref="PreferredAirlineAllowance"/> cheaper), then fewer stops, then
/// shorter journey, then preferred airlines, then more checked bags, then provider id, so the same offers always
/// give the same choice.
/// </summary>
public static class OfferSelector
{
    /// <summary>How much more (as a fraction of its price) a preferred-airline offer may cost and still win: price stays dominant.</summary>
    public const decimal PreferredAirlineAllowance = 0.05m;

    public static OfferSelection Select(
        IEnumerable<OfferCandidate> offers, SelectionCriteria criteria, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(criteria);

        var all = offers.ToList();
        var filters = criteria.Filters ?? OfferFilters.None;
        var bestOverall = Order(all.Where(o => SameCurrency(o, criteria)), OfferFilters.None).FirstOrDefault();
        var qualifying = Order(all.Where(o => Qualifies(o, criteria, now)), filters).ToList();
        var chosen = qualifying.FirstOrDefault();
        var cheapest = qualifying.MinBy(o => o.Total.Amount);

        var explanation = chosen is null
            ? Explain(all, bestOverall, criteria, now)
            : chosen.Total.Amount > cheapest!.Total.Amount
                ? $"Preferred airline offer {chosen.Total} ({string.Join("/", chosen.Carriers)}) chosen over the cheapest qualifying " +
                  $"{cheapest.Total}: at most {(int)(PreferredAirlineAllowance * 100)}% more, within the {criteria.MaxTotal} limit."
                : $"Cheapest of {qualifying.Count} qualifying offer(s): {chosen.Total} with {chosen.MaxStops} stop(s), " +
                  $"within the {criteria.MaxTotal} limit.";
        return new OfferSelection(chosen, bestOverall, qualifying.Count, explanation);
    }

    public static bool Qualifies(OfferCandidate offer, SelectionCriteria criteria, DateTimeOffset now) =>
        QualifiesBesidesDocuments(offer, criteria, now) && DocumentsSatisfied(offer, criteria);

    /// <summary>The travelers can give the offer every identity document it requires (unknown documents satisfy no requirement).</summary>
    public static bool DocumentsSatisfied(OfferCandidate offer, SelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(criteria);
        var terms = offer.TermsOrUnknown;
        return !terms.DocumentsRequired || (criteria.Documents is { } documents && DocumentCheck.Satisfies(terms, documents));
    }

    private static bool QualifiesBesidesDocuments(OfferCandidate offer, SelectionCriteria criteria, DateTimeOffset now)
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

    private static IOrderedEnumerable<OfferCandidate> Order(IEnumerable<OfferCandidate> offers, OfferFilters filters) =>
        offers.OrderBy(o => filters.Prefers(o) ? o.Total.Amount / (1 + PreferredAirlineAllowance) : o.Total.Amount)
            .ThenBy(o => o.MaxStops)
            .ThenBy(o => o.TotalDuration)
            .ThenByDescending(o => filters.Prefers(o))
            .ThenByDescending(o => o.CheckedBags)
            .ThenBy(o => o.ProviderOfferId, StringComparer.Ordinal);

    private static string Explain(List<OfferCandidate> all, OfferCandidate? bestOverall, SelectionCriteria criteria, DateTimeOffset now)
    {
        if (all.Count == 0)
        {
            return "No offers were found for this search.";
        }
        // Offers that meet every criterion but the identity documents: say what is missing, so the traveler can add it.
        var blocked = Order(all.Where(o => QualifiesBesidesDocuments(o, criteria, now)), criteria.Filters ?? OfferFilters.None).FirstOrDefault();
        if (blocked is not null)
        {
            var shortfall = DocumentCheck.Shortfall(blocked.TermsOrUnknown, criteria.Documents ?? [])
                ?? "the travelers' identity documents are not known";
            return $"{blocked.Total} ({string.Join("/", blocked.Carriers)}) meets every criterion, but the airline requires identity documents: " +
                $"{shortfall}.";
        }
        return bestOverall is null
            ? $"No offer was priced in {criteria.MaxTotal.Currency}."
            : $"No offer met every criterion; the best price was {bestOverall.Total} against a limit of {criteria.MaxTotal}.";
    }
}
