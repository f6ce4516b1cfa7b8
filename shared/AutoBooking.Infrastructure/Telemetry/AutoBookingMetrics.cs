using System.Diagnostics.Metrics;

namespace AutoBooking.Infrastructure.Telemetry;

/// <summary>
/// The figures DESIGN §6 and §9 ask us to watch, as System.Diagnostics.Metrics instruments on the <c>AutoBooking</c>
/// meter (exported by the OpenTelemetry pipeline of <c>AddAutoBookingTelemetry</c>; no PII in any tag): checks against
/// shared provider searches, how booking attempts end (successes, failures by reason), provider latency and errors,
/// the monitor sweep's size and duration, the searches each booking took, and how traveler emails leave the outbox.
/// </summary>
public sealed class AutoBookingMetrics
{
    public const string MeterName = "AutoBooking";

    private readonly Counter<long> searches;
    private readonly Counter<long> attemptsEnded;
    private readonly Counter<long> successes;
    private readonly Counter<long> failures;
    private readonly Histogram<double> providerDuration;
    private readonly Counter<long> providerErrors;
    private readonly Histogram<long> sweepTrips;
    private readonly Histogram<double> sweepDuration;
    private readonly Histogram<long> searchesPerBooking;
    private readonly Counter<long> emailsSent;
    private readonly Counter<long> emailSendFailures;
    private readonly Counter<long> emailsDead;
    private readonly Counter<long> emailsOverdue;

    public AutoBookingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        searches = meter.CreateCounter<long>("autobooking.searches", "{search}",
            "Checks made; shared=true when another trip's identical provider search was reused (no provider call).");
        attemptsEnded = meter.CreateCounter<long>("autobooking.booking_attempts.ended", "{attempt}",
            "Booking attempts by outcome (booked, not_booked, needs_attention) and failure code.");
        successes = meter.CreateCounter<long>("auto_booking_success_total", "{booking}", "Bookings made (paid, ticketed, recorded).");
        failures = meter.CreateCounter<long>("auto_booking_failure_total", "{attempt}",
            "Booking attempts that did not book, by reason (the attempt's failure code).");
        providerDuration = meter.CreateHistogram<double>("autobooking.provider.duration", "s",
            "Duration of each HTTP call to a provider (duffel, stripe, resend), by method and status class.");
        providerErrors = meter.CreateCounter<long>("autobooking.provider.errors", "{call}",
            "Provider calls that failed: server_error (5xx), rate_limited (429), client_error (other 4xx), timeout, network.");
        sweepTrips = meter.CreateHistogram<long>("autobooking.sweep.trips", "{trip}", "Trips one monitor sweep claimed and enqueued.");
        sweepDuration = meter.CreateHistogram<double>("autobooking.sweep.duration", "s", "How long one monitor sweep took.");
        searchesPerBooking = meter.CreateHistogram<long>("autobooking.searches_per_booking", "{search}",
            "Checks a trip took (trip_requests.checks_made, shared or not) until it was booked.");
        emailsSent = meter.CreateCounter<long>("autobooking.emails.sent", "{email}", "Traveler emails Resend accepted, by kind.");
        emailSendFailures = meter.CreateCounter<long>("autobooking.emails.send_failures", "{send}",
            "Outbox sends that failed and will be retried, by kind and error code.");
        emailsDead = meter.CreateCounter<long>("autobooking.emails.dead", "{email}",
            "Traveler emails given up (permanent error, or unsent past the give-up age), by kind. Alerted.");
        emailsOverdue = meter.CreateCounter<long>("autobooking.emails.overdue", "{email}",
            "Traveler emails still unsent past the alert threshold (counted once per email), by kind. Alerted.");
    }

    public void SearchMade(bool shared) => searches.Add(1, new KeyValuePair<string, object?>("shared", shared));

    public void AttemptEnded(string outcome, string? failureCode)
    {
        attemptsEnded.Add(1,
            new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("failure_code", failureCode ?? "none"));
        if (failureCode is null)
        {
            successes.Add(1);
        }
        else
        {
            failures.Add(1, new KeyValuePair<string, object?>("reason", failureCode));
        }
    }

    /// <summary>One HTTP attempt to a provider: its duration, and an error when <paramref name="errorKind"/> is set.</summary>
    public void ProviderCalled(string provider, string method, string status, TimeSpan elapsed, string? errorKind)
    {
        providerDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("status", status));
        if (errorKind is not null)
        {
            providerErrors.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("kind", errorKind));
        }
    }

    public void SweepCompleted(int trips, TimeSpan elapsed)
    {
        sweepTrips.Record(trips);
        sweepDuration.Record(elapsed.TotalSeconds);
    }

    public void Booked(long searchesMade) => searchesPerBooking.Record(searchesMade);
    public void EmailSent(string kind) => emailsSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EmailSendFailed(string kind, string error) => emailSendFailures.Add(1,
        new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("error", error));

    public void EmailDead(string kind) => emailsDead.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EmailOverdue(string kind) => emailsOverdue.Add(1, new KeyValuePair<string, object?>("kind", kind));

}
