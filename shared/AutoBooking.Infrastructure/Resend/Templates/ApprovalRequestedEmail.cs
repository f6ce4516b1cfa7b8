using System.Text;
using AutoBooking.Core.Ports;
using static AutoBooking.Infrastructure.Resend.Templates.EmailLayout;

namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>
/// "A fare is waiting for your approval" (approval mode): the route, the price, until when we wait for the answer and,
/// when the fare is held, until when the seats are kept and whether the price is guaranteed. The traveler approves or
/// declines on the trip in the app (<c>POST /api/trips/{id}/approval</c>). Nothing is charged before they approve.
/// </summary>
public sealed record ApprovalRequestedEmail(
    string TravelerGivenName,
    string Origin,
    string Destination,
    Core.Money.Money Amount,
    DateTimeOffset AnswerBy,
    DateTimeOffset? HeldUntil,
    DateTimeOffset? PriceGuaranteedUntil,
    string SupportContact)
{
    public EmailMessage Render(string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var subject = $"Approve your fare: {Origin} to {Destination} at {Money(Amount)}";
        var hold = HeldUntil is { } until
            ? $"We are holding this fare for you until {Time(until.UtcDateTime)} UTC; " + (PriceGuaranteedUntil is { } guaranteed
                ? $"its price is guaranteed until {Time(guaranteed.UtcDateTime)} UTC."
                : "the airline does not guarantee its price, so we check it again before paying and never pay more than your limit.")
            : "The fare is not held: we check its price again when you approve.";

        var text = new StringBuilder()
            .Append("Hello ").Append(TravelerGivenName).Append(",\n\n")
            .Append("We found a fare for ").Append(Origin).Append(" to ").Append(Destination).Append(" at ").Append(Money(Amount))
            .Append(" that meets everything you asked for.\n\n")
            .Append(hold).Append("\n\n")
            .Append("Open the trip in the app to approve or decline it before ").Append(Time(AnswerBy.UtcDateTime)).Append(" UTC.\n\n")
            .Append("Nothing is charged unless you approve.\n")
            .Append(Footer(SupportContact))
            .ToString();

        var body = new StringBuilder()
            .Append("<p>Hello ").Append(Encode(TravelerGivenName)).Append(",</p>")
            .Append("<p>We found a fare for ").Append(Encode(Origin)).Append(" to ").Append(Encode(Destination)).Append(" at ")
            .Append(Encode(Money(Amount))).Append(" that meets everything you asked for.</p>")
            .Append("<p>").Append(Encode(hold)).Append("</p>")
            .Append("<p>Open the trip in the app to approve or decline it before ").Append(Encode(Time(AnswerBy.UtcDateTime))).Append(" UTC.</p>")
            .Append("<p>Nothing is charged unless you approve.</p>")
            .ToString();

        return new EmailMessage(to, subject, text, Html("A fare is waiting for your approval", body, SupportContact));
    }
}
