using AutoBooking.Core.Messages;
using AutoBooking.Core.Ports;

namespace AutoBooking.Core.Booking;

/// <summary>The confirmed, captured order to record as the trip's booking.</summary>
public sealed record RecordBookingInput(Guid AttemptId, string CorrelationId, OrderResult Order, string? TraceParent = null) : ITraceCarrier;
