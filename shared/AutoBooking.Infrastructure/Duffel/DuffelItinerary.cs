using System.Globalization;
using System.Text.Json;
using AutoBooking.Infrastructure.Resend.Templates;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>Reads the flights of a stored Duffel offer (its raw JSON) as itinerary segments for traveller emails.</summary>
public static class DuffelItinerary
{
    public static IReadOnlyList<ItinerarySegment> FromOfferJson(string offerJson)
    {
        using var document = JsonDocument.Parse(offerJson);
        var segments = new List<ItinerarySegment>();
        foreach (var slice in document.RootElement.GetProperty("slices").EnumerateArray())
        {
            foreach (var segment in slice.GetProperty("segments").EnumerateArray())
            {
                segments.Add(new ItinerarySegment(
                    segment.GetProperty("marketing_carrier").GetProperty("iata_code").GetString()!,
                    segment.TryGetProperty("marketing_carrier_flight_number", out var number) ? number.GetString() ?? "" : "",
                    segment.GetProperty("origin").GetProperty("iata_code").GetString()!,
                    segment.GetProperty("destination").GetProperty("iata_code").GetString()!,
                    LocalTime(segment.GetProperty("departing_at").GetString()!),
                    LocalTime(segment.GetProperty("arriving_at").GetString()!)));
            }
        }
        return segments;
    }

    // Duffel gives airport-local times without an offset; keep them as local, unspecified-kind times.
    private static DateTime LocalTime(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces);
}
