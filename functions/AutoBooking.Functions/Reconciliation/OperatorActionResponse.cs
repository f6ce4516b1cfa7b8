namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// What an operator action did: the <see cref="Action"/>, its <see cref="Note"/> (a provider status or id; no PII), the
/// reconciliation that followed it (when one did), and the attempt as it stands now.
/// </summary>
public sealed record OperatorActionResponse(string Action, string? Note, ReconcileResult? Reconciliation, AttemptFactsResponse Attempt);
