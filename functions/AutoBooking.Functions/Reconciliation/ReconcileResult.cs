namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// What one reconciliation of an attempt found and did (no PII): <see cref="Outcome"/> is one of <c>booked</c>,
/// <c>not_booked</c>, <c>waiting</c>, <c>saga_running</c>, <c>already_settled</c>; <see cref="Hold"/> and <see cref="Order"/>
/// are the providers' facts; <see cref="Steps"/> the side effects carried out; <see cref="Blocker"/> why it waits, if it does.
/// </summary>
public sealed record ReconcileResult(
    Guid AttemptId, string Outcome, string? Hold, string? Order, IReadOnlyList<string> Steps, string? Blocker, bool HoldEscalated)
{
    public const string Booked = "booked";
    public const string NotBooked = "not_booked";
    public const string Waiting = "waiting";
    public const string SagaRunning = "saga_running";
    public const string AlreadySettled = "already_settled";
}
