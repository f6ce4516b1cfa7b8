using AutoBooking.Core.Ports;

namespace AutoBooking.Functions.Notifications;

/// <summary>What an outbox row comes to at send time: the email to send, or why there is nothing to send any more.</summary>
public sealed record OutboxEmail(EmailMessage? Message, string? SkipReason)
{
    public static OutboxEmail Send(EmailMessage message) => new(message, null);

    /// <summary>Nothing to tell (any more): e.g. the payment deadline passed, the booking was cancelled. No PII in the reason.</summary>
    public static OutboxEmail Skip(string reason) => new(null, reason);
}
