namespace AutoBooking.Functions.Reconciliation;

/// <summary>One reconciler pass: the attempts it claimed and how each came out.</summary>
public sealed record ReconcileRunSummary(IReadOnlyList<ReconcileResult> Results)
{
    public int Claimed => Results.Count;

    public int Settled => Results.Count(r => r.Outcome is ReconcileResult.Booked or ReconcileResult.NotBooked);
}
