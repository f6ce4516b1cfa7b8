namespace AutoBooking.Core.Offers;

/// <summary>The outcome of selection: the chosen offer (if any qualifies) and the best price overall.</summary>
public sealed record OfferSelection(
    OfferCandidate? Chosen,
    OfferCandidate? BestOverall,
    int QualifyingCount,
    string Explanation);
