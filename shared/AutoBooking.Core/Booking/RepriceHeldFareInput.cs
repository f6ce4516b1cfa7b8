using AutoBooking.Core.Messages;

namespace AutoBooking.Core.Booking;

/// <summary>Input of the held-fare reprice step: the attempt and the price it goes on at.</summary>
public sealed record RepriceHeldFareInput(Guid AttemptId, string CorrelationId, Money.Money Total, string? TraceParent = null) : ITraceCarrier;
