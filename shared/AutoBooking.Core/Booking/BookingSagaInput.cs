namespace AutoBooking.Core.Booking;

/// <summary>
/// The booking orchestration's input: ids only (activities load the rest), plus the reconciliation waits,
/// because an orchestrator may not read configuration itself.
/// </summary>
public sealed record BookingSagaInput(Guid AttemptId, Guid TripId, string CorrelationId, IReadOnlyList<int>? ReconcileDelaysSeconds = null);
