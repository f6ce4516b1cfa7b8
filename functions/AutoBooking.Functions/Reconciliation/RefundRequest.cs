namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// Optional body of the operator's refund: <see cref="OverrideReason"/> refunds although the attempt's Duffel order is
/// still live (the traveler keeps a ticket we are no longer paid for: invariant 2 broken on purpose), and is audited.
/// </summary>
public sealed record RefundRequest(string? OverrideReason);
