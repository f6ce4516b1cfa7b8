namespace AutoBooking.Functions.Reconciliation;

/// <summary>An operator action's outcome, with a machine-readable <see cref="Reason"/> and a <see cref="Detail"/> for humans when refused.</summary>
public sealed record OperatorResult(OperatorOutcome Outcome, string? Reason, string? Detail, OperatorActionResponse? Body)
{
    public static OperatorResult Done(OperatorActionResponse body) => new(OperatorOutcome.Done, null, null, body);

    public static OperatorResult Refused(OperatorOutcome outcome, string reason, string detail) => new(outcome, reason, detail, null);
}
