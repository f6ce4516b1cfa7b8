using System.Text;
using AutoBooking.Core.Ports;
using static AutoBooking.Infrastructure.Resend.Templates.EmailLayout;

namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>
/// "Your bank wants you to confirm this payment": the card needs authentication (3-D Secure) that cannot happen
/// off-session. Links to the page where the traveler confirms on-session, and says until when the fare is held.
/// </summary>
public sealed record PaymentActionRequiredEmail(
    string TravelerGivenName,
    string Origin,
    string Destination,
    Core.Money.Money Amount,
    Uri ConfirmUrl,
    DateTimeOffset RespondBy,
    string SupportContact)
{
    public EmailMessage Render(string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(ConfirmUrl);
        var deadline = Time(RespondBy.UtcDateTime) + " UTC";
        var subject = $"Action needed: confirm your payment for {Origin} to {Destination}";

        var text = new StringBuilder()
            .Append("Hello ").Append(TravelerGivenName).Append(",\n\n")
            .Append("We found a fare for ").Append(Origin).Append(" to ").Append(Destination)
            .Append(" at ").Append(Money(Amount)).Append(", but your bank asks you to confirm the payment.\n\n")
            .Append("Confirm it here before ").Append(deadline).Append(":\n").Append(ConfirmUrl.AbsoluteUri).Append("\n\n")
            .Append("If you do not, we will not buy the ticket and you will not be charged.\n")
            .Append(Footer(SupportContact))
            .ToString();

        var body = new StringBuilder()
            .Append("<p>Hello ").Append(Encode(TravelerGivenName)).Append(",</p>")
            .Append("<p>We found a fare for ").Append(Encode(Origin)).Append(" to ").Append(Encode(Destination))
            .Append(" at ").Append(Encode(Money(Amount))).Append(", but your bank asks you to confirm the payment.</p>")
            .Append("<p><a href=\"").Append(Encode(ConfirmUrl.AbsoluteUri)).Append("\">Confirm the payment</a> before ")
            .Append(Encode(deadline)).Append(".</p>")
            .Append("<p>If you do not, we will not buy the ticket and you will not be charged.</p>")
            .ToString();

        return new EmailMessage(to, subject, text, Html("Please confirm your payment", body, SupportContact));
    }
}
