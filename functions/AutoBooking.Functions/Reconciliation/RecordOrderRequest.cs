namespace AutoBooking.Functions.Reconciliation;

/// <summary>Body of the operator's record-booking and cancel-order actions: the Duffel order id (<c>ord_…</c>).</summary>
public sealed record RecordOrderRequest(string? OrderId);
