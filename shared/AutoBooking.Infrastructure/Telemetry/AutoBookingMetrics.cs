using System.Diagnostics.Metrics;

namespace AutoBooking.Infrastructure.Telemetry;

/// <summary>
/// The figures DESIGN §6 asks us to watch, as System.Diagnostics.Metrics instruments on the <c>AutoBooking</c> meter
/// (exported by whatever OpenTelemetry / Application Insights pipeline the host adds; no PII in any tag):
/// checks against shared provider searches, how booking attempts end, and how traveller emails leave the outbox.
/// </summary>
public sealed class AutoBookingMetrics
{
    public const string MeterName = "AutoBooking";

    private readonly Counter<long> searches;
    private readonly Counter<long> attemptsEnded;
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
        emailsSent = meter.CreateCounter<long>("autobooking.emails.sent", "{email}", "Traveller emails Resend accepted, by kind.");
        emailSendFailures = meter.CreateCounter<long>("autobooking.emails.send_failures", "{send}",
            "Outbox sends that failed and will be retried, by kind and error code.");
        emailsDead = meter.CreateCounter<long>("autobooking.emails.dead", "{email}",
            "Traveller emails given up (permanent error, or unsent past the give-up age), by kind. Alerted.");
        emailsOverdue = meter.CreateCounter<long>("autobooking.emails.overdue", "{email}",
            "Traveller emails still unsent past the alert threshold (counted once per email), by kind. Alerted.");
    }

    public void SearchMade(bool shared) => searches.Add(1, new KeyValuePair<string, object?>("shared", shared));

    public void EmailSent(string kind) => emailsSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EmailSendFailed(string kind, string error) => emailSendFailures.Add(1,
        new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("error", error));

    public void EmailDead(string kind) => emailsDead.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EmailOverdue(string kind) => emailsOverdue.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void AttemptEnded(string outcome, string? failureCode) => attemptsEnded.Add(1,
        new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("failure_code", failureCode ?? "none"));
}
