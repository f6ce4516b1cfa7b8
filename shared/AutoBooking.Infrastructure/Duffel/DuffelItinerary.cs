using System.Globalization;
using System.Text.Json;
using AutoBooking.Core.Ports;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Reads the flights of a Duffel offer or order (their <c>slices[].segments[]</c>, the same shape in both) as
/// segments, the itinerary lines of traveler emails.
/// </summary>
public static class DuffelItinerary
{
    /// <summary>The flights of a stored offer (its raw JSON), for the confirmation email.</summary>
    public static IReadOnlyList<FlightSegment> FromOfferJson(string offerJson)
    {
        using var document = JsonDocument.Parse(offerJson);
        return Segments(document.RootElement.GetProperty("slices"));
    }

    /// <summary>The flights of an offer's slices as stored with it (offers.raw → slices); none when the JSON holds no slices.</summary>
    public static IReadOnlyList<FlightSegment> FromSlicesJson(string slicesJson)
    {
        using var document = JsonDocument.Parse(slicesJson);
        return document.RootElement.ValueKind == JsonValueKind.Array ? Segments(document.RootElement) : [];
    }

    /// <summary>The flights of an order as the provider reports them now (after an airline's change).</summary>
    public static IReadOnlyList<FlightSegment> FromOrder(FlightOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Segments;
    }

    /// <summary>Every segment of every slice, in travel order.</summary>
    internal static IReadOnlyList<FlightSegment> Segments(JsonElement slices)
    {
        var segments = new List<FlightSegment>();
        foreach (var slice in slices.EnumerateArray())
        {
            foreach (var segment in slice.GetProperty("segments").EnumerateArray())
            {
                segments.Add(new FlightSegment(
                    segment.GetProperty("marketing_carrier").GetProperty("iata_code").GetString()!,
                    segment.TryGetProperty("marketing_carrier_flight_number", out var number) && number.ValueKind == JsonValueKind.String
                        ? number.GetString()! : "",
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
