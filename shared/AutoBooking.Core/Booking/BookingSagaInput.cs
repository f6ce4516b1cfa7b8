namespace AutoBooking.Core.Booking;

/// <summary>
/// The booking orchestration's input: ids only (activities load the rest), plus the reconciliation waits and the
/// step retry numbers, because an orchestrator may not read configuration itself.
/// </summary>
/// <remarks>
/// <see cref="ApprovalTimeoutSeconds"/> is set when the traveller wants to approve each purchase;
/// <see cref="AuthenticationTimeoutSeconds"/> (null or 0: fail at once) is how long a card needing authentication
/// waits for the traveller to confirm the payment on-session. <see cref="Retry"/> null: <see cref="StepRetry.Default"/>.
/// </remarks>
public sealed record BookingSagaInput(
    Guid AttemptId, Guid TripId, string CorrelationId, IReadOnlyList<int>? ReconcileDelaysSeconds = null, int? ApprovalTimeoutSeconds = null,
    int? AuthenticationTimeoutSeconds = null, StepRetry? Retry = null);
