using System.Diagnostics.Metrics;

namespace AutoBooking.Infrastructure.Telemetry;

/// <summary>
/// The figures DESIGN §6 asks us to watch, as System.Diagnostics.Metrics instruments on the <c>AutoBooking</c> meter
/// (exported by whatever OpenTelemetry / Application Insights pipeline the host adds; no PII in any tag):
/// checks against shared provider searches, and how booking attempts end.
/// </summary>
public sealed class AutoBookingMetrics
{
    public const string MeterName = "AutoBooking";

    private readonly Counter<long> searches;
    private readonly Counter<long> attemptsEnded;
    private readonly Histogram<long> searchesPerBooking;

    public AutoBookingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        searches = meter.CreateCounter<long>("autobooking.searches", "{search}",
            "Checks made; shared=true when another trip's identical provider search was reused (no provider call).");
        attemptsEnded = meter.CreateCounter<long>("autobooking.booking_attempts.ended", "{attempt}",
            "Booking attempts by outcome (booked, not_booked, needs_attention) and failure code.");
        searchesPerBooking = meter.CreateHistogram<long>("autobooking.searches_per_booking", "{search}",
            "Provider searches a trip's checks used (its own and shared ones) until it was booked: the look-to-book figure.");
    }

    public void SearchMade(bool shared) => searches.Add(1, new KeyValuePair<string, object?>("shared", shared));

    public void TripBooked(long providerSearches) => searchesPerBooking.Record(providerSearches);

    public void AttemptEnded(string outcome, string? failureCode) => attemptsEnded.Add(1,
        new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("failure_code", failureCode ?? "none"));
}
