using System.Text;
using AutoBooking.Core.Ports;
using static AutoBooking.Infrastructure.Resend.Templates.EmailLayout;

namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>
/// "We are checking your booking": an attempt's outcome is not certain yet (an order that may exist, a payment step
/// that did not finish) and a person is looking at it. Says that they will not be charged twice and that we will
/// email the outcome; nothing for the traveler to do, and no internals.
/// </summary>
public sealed record BookingUnderReviewEmail(string TravelerGivenName, string Origin, string Destination, string SupportContact)
{
    public EmailMessage Render(string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        const string Checking = "Something did not go as expected while we were booking, so we are checking with the airline and your bank.";
        const string Promise = "You will not be charged twice, and you will not pay for a ticket you do not have. "
            + "We will email you as soon as it is settled; there is nothing you need to do.";
        var subject = $"We are checking your booking for {Origin} to {Destination}";

        var text = new StringBuilder()
            .Append("Hello ").Append(TravelerGivenName).Append(",\n\n")
            .Append("We found a fare for your flight from ").Append(Origin).Append(" to ").Append(Destination).Append(". ")
            .Append(Checking).Append("\n\n")
            .Append(Promise).Append('\n')
            .Append(Footer(SupportContact))
            .ToString();

        var body = new StringBuilder()
            .Append("<p>Hello ").Append(Encode(TravelerGivenName)).Append(",</p>")
            .Append("<p>We found a fare for your flight from ").Append(Encode(Origin)).Append(" to ").Append(Encode(Destination))
            .Append(". ").Append(Encode(Checking)).Append("</p>")
            .Append("<p>").Append(Encode(Promise)).Append("</p>")
            .ToString();

        return new EmailMessage(to, subject, text, Html("We are checking your booking", body, SupportContact));
    }
}
