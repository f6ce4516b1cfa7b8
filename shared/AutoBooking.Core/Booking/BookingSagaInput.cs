namespace AutoBooking.Core.Booking;

/// <summary>The booking orchestration's input: ids only; activities load the rest.</summary>
public sealed record BookingSagaInput(Guid AttemptId, Guid TripId, string CorrelationId);
