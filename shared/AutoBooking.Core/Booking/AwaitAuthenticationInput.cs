using AutoBooking.Core.Messages;

namespace AutoBooking.Core.Booking;

/// <summary>The attempt waits for the traveler to authenticate <paramref name="PaymentIntentId"/> on-session until <paramref name="RespondBy"/>.</summary>
public sealed record AwaitAuthenticationInput(Guid AttemptId, string CorrelationId, string PaymentIntentId, DateTimeOffset RespondBy, string? TraceParent = null)
    : ITraceCarrier;
