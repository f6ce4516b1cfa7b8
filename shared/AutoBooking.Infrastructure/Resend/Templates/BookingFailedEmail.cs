using System.Text;
using AutoBooking.Core.Ports;
using static AutoBooking.Infrastructure.Resend.Templates.EmailLayout;

namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>
/// "We could not book your flight": what happened in the traveler's words (never a provider error code), that
/// they were not charged (or that a refund is on its way), and what happens next.
/// </summary>
public sealed record BookingFailedEmail(
    string TravelerGivenName,
    string Origin,
    string Destination,
    string Reason,
    bool Refunded,
    bool StillWatching,
    string SupportContact)
{
    public EmailMessage Render(string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var money = Refunded
            ? "Any amount taken from your card has been refunded; refunds take 5–10 days to show."
            : "You have not been charged.";
        var next = StillWatching
            ? "We are still watching fares and will try again when one matches your criteria."
            : "We have stopped watching this trip. You can start it again from the app.";
        var subject = $"We could not book {Origin} to {Destination}";

        var text = new StringBuilder()
            .Append("Hello ").Append(TravelerGivenName).Append(",\n\n")
            .Append("We could not book your flight from ").Append(Origin).Append(" to ").Append(Destination).Append(": ")
            .Append(Reason).Append("\n\n")
            .Append(money).Append('\n').Append(next).Append('\n')
            .Append(Footer(SupportContact))
            .ToString();

        var body = new StringBuilder()
            .Append("<p>Hello ").Append(Encode(TravelerGivenName)).Append(",</p>")
            .Append("<p>We could not book your flight from ").Append(Encode(Origin)).Append(" to ").Append(Encode(Destination))
            .Append(": ").Append(Encode(Reason)).Append("</p>")
            .Append("<p>").Append(Encode(money)).Append("</p><p>").Append(Encode(next)).Append("</p>")
            .ToString();

        return new EmailMessage(to, subject, text, Html("We could not book your flight", body, SupportContact));
    }
}
