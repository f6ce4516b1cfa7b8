using System.Text.Json;
using AutoBooking.Core.Offers;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A stored offer. The raw provider payload stays in the table for support and is not loaded here.</summary>
public sealed class OfferRecord
{
    public Guid Id { get; init; }
    public Guid TripId { get; init; }
    public string ProviderOfferId { get; init; } = "";
    public decimal TotalAmount { get; init; }
    public string Currency { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; }
    public int MaxStops { get; init; }
    public int DurationMinutes { get; init; }
    public string[] Carriers { get; init; } = [];
    public string[] PassengerIds { get; init; } = [];

    /// <summary>adult, child or infant_without_seat for each of <see cref="PassengerIds"/> (empty for offers stored before types were).</summary>
    public string[] PassengerTypes { get; init; } = [];

    /// <summary>The offer's terms as stored (jsonb), null for offers recorded before terms were.</summary>
    public string? Terms { get; init; }

    public Core.Money.Money Total => new(TotalAmount, Currency);

    /// <summary>The terms, or <see cref="OfferTerms.Unknown"/> for an offer recorded before they were.</summary>
    public OfferTerms TermsOrUnknown => Terms is null ? OfferTerms.Unknown : ReadTerms(Terms);

    public static OfferTerms ReadTerms(string json) => JsonSerializer.Deserialize<OfferTerms>(json, TermsJson) ?? OfferTerms.Unknown;

    public static string SerializeTerms(OfferTerms terms) => JsonSerializer.Serialize(terms, TermsJson);

    private static readonly JsonSerializerOptions TermsJson = new(JsonSerializerDefaults.Web);
}
