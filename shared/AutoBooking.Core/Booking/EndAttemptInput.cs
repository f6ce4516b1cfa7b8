using AutoBooking.Core.Messages;
using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Booking;

/// <summary>How to close an attempt that did not book: its failure code and where the trip goes next.</summary>
public sealed record EndAttemptInput(Guid AttemptId, string CorrelationId, string FailureCode, TripStatus TripTo, string? TraceParent = null) : ITraceCarrier;
