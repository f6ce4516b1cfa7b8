using System.Globalization;

namespace AutoBooking.Core.Offers;

/// <summary>
/// Whether a trip's travelers can give an offer the identity documents it needs. An offer that requires documents
/// takes one per passenger, of a type it allows, valid until the day of its last flight; an offer whose allowed list
/// is empty must get none.
/// </summary>
public static class DocumentCheck
{
    /// <summary>Whether the order may carry <paramref name="document"/> for this offer (null never qualifies).</summary>
    public static bool Accepts(OfferTerms terms, TravelDocument? document)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return document is not null
            && terms.AllowedDocumentTypes.Contains(document.Type, StringComparer.Ordinal)
            && (terms.LastFlightOn is not { } last || document.ExpiresOn >= last);
    }

    /// <summary>True when the offer needs no documents or every traveler has one it accepts.</summary>
    public static bool Satisfies(OfferTerms terms, IReadOnlyList<TravelDocument?> documents) => Shortfall(terms, documents) is null;

    /// <summary>
    /// Why the travelers cannot book the offer, in words for the traveler (no names, no numbers), e.g.
    /// "2 of 3 travelers have no passport on file"; null when nothing is missing.
    /// </summary>
    public static string? Shortfall(OfferTerms terms, IReadOnlyList<TravelDocument?> documents)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(documents);
        if (!terms.DocumentsRequired)
        {
            return null;
        }
        var wanted = Describe(terms.AllowedDocumentTypes);
        if (terms.AllowedDocumentTypes.Count == 0)
        {
            return "the airline requires identity documents but accepts none that can be sent";
        }
        var missing = documents.Count(d => d is null || !terms.AllowedDocumentTypes.Contains(d.Type, StringComparer.Ordinal));
        var expiring = documents.Count(d => d is not null && terms.AllowedDocumentTypes.Contains(d.Type, StringComparer.Ordinal) && !Accepts(terms, d));
        var count = documents.Count;
        var parts = new List<string>(2);
        if (missing > 0)
        {
            parts.Add(count == 1 ? $"the traveler has no {wanted} on file"
                : $"{missing} of {count} travelers {(missing == 1 ? "has" : "have")} no {wanted} on file");
        }
        if (expiring > 0)
        {
            var day = terms.LastFlightOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            parts.Add(count == 1 ? $"the traveler's {wanted} expires before the last flight on {day}"
                : $"{expiring} of {count} travelers' {wanted} {(expiring == 1 ? "expires" : "expire")} before the last flight on {day}");
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>Duffel's document type names in the traveler's words: "passport", "passport or tax ID".</summary>
    public static string Describe(IReadOnlyList<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var words = types.Select(t => t switch
        {
            "passport" => "passport",
            "tax_id" => "tax ID",
            "identity_card" => "identity card",
            _ => t.Replace('_', ' '),
        }).ToList();
        return words.Count == 0 ? "identity document" : string.Join(" or ", words);
    }
}
