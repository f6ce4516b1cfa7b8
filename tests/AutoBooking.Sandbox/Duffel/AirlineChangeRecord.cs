using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// An airline-initiated change (<c>aic_</c>) to one slice of an order: the slice as it was (<see cref="Removed"/>)
/// and as it is now (<see cref="Added"/>, with new slice and segment ids, as Duffel warns they may have).
/// </summary>
internal sealed record AirlineChangeRecord(
    string Id, OrderRecord Order, int SliceIndex, TimeSpan MovedBy, JsonObject Removed, JsonObject Added, DateTimeOffset CreatedAt)
{
    /// <summary>The change as the ledger shows it (one instance, so what a test is handed equals what the ledger holds).</summary>
    public LedgerAirlineChange Recorded { get; } =
        new(Id, Order.Id, Order.BookingReference, SliceIndex, MovedBy, Segments(Removed), Segments(Added), CreatedAt);

    private static List<LedgerSegment> Segments(JsonObject slice) => slice["segments"]!.AsArray()
        .Select(s => new LedgerSegment(
            s!["marketing_carrier"]!["iata_code"]!.GetValue<string>(),
            s["marketing_carrier_flight_number"]!.GetValue<string>(),
            s["origin"]!["iata_code"]!.GetValue<string>(),
            s["destination"]!["iata_code"]!.GetValue<string>(),
            LocalTime(s["departing_at"]!),
            LocalTime(s["arriving_at"]!)))
        .ToList();

    /// <summary>Reads a time written by <see cref="Hosting.Wire.LocalTime"/>.</summary>
    public static DateTime LocalTime(JsonNode value) =>
        DateTime.ParseExact(value.GetValue<string>(), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
