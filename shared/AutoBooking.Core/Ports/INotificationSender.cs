namespace AutoBooking.Core.Ports;

/// <summary>Sends traveler emails (Resend in production) with an idempotency key so a retry is not a second email.</summary>
public interface INotificationSender
{
    Task<string> SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken);
}

public sealed record EmailMessage(string To, string Subject, string Text, string Html);
