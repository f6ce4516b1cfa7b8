using System.Diagnostics.Metrics;
using AutoBooking.Infrastructure.Telemetry;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// The reconciler's instruments on the <c>AutoBooking</c> meter: attempts it settled (by outcome), attempts it flagged,
/// and holds it escalated. An escalation is the alert that a card hold is ageing unsettled.
/// </summary>
public sealed class ReconcilerMetrics
{
    private readonly Counter<long> settled;
    private readonly Counter<long> flagged;
    private readonly Counter<long> escalations;

    public ReconcilerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(AutoBookingMetrics.MeterName);
        settled = meter.CreateCounter<long>("autobooking.reconciler.settled", "{attempt}",
            "Attempts the reconciler (or an operator) settled, by outcome (booked, not_booked).");
        flagged = meter.CreateCounter<long>("autobooking.reconciler.flagged", "{attempt}",
            "In-flight attempts whose saga was gone and that could not be settled yet: now needs_attention.");
        escalations = meter.CreateCounter<long>("autobooking.reconciler.hold_escalations", "{attempt}",
            "Card holds older than Reconciler:HoldEscalationHours that could not be settled.");
    }

    public void Settled(string outcome) => settled.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Flagged() => flagged.Add(1);

    public void HoldEscalated() => escalations.Add(1);
}
