using System.Globalization;
using System.Text.Json;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Resend.Templates;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Reads the flights of a Duffel offer or order (their <c>slices[].segments[]</c>, the same shape in both) as
/// segments, and turns them into itinerary lines for traveller emails.
/// </summary>
public static class DuffelItinerary
{
    /// <summary>The flights of a stored offer (its raw JSON), for the confirmation email.</summary>
    public static IReadOnlyList<ItinerarySegment> FromOfferJson(string offerJson)
    {
        using var document = JsonDocument.Parse(offerJson);
        return Segments(document.RootElement.GetProperty("slices")).Select(ToEmail).ToList();
    }

    /// <summary>The flights of an order as the provider reports them now (after an airline's change).</summary>
    public static IReadOnlyList<ItinerarySegment> FromOrder(FlightOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Segments.Select(ToEmail).ToList();
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

    private static ItinerarySegment ToEmail(FlightSegment segment) => new(
        segment.Carrier, segment.FlightNumber, segment.Origin, segment.Destination, segment.DepartingAtLocal, segment.ArrivingAtLocal);

    // Duffel gives airport-local times without an offset; keep them as local, unspecified-kind times.
    private static DateTime LocalTime(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces);
}
