using System.Text;
using AutoBooking.Core.Ports;
using static AutoBooking.Infrastructure.Resend.Templates.EmailLayout;

namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>
/// "Your flight is booked": itinerary, booking reference, ticket numbers, amount charged, the fare's refund and change
/// conditions and included bags (when known), and how to reach us.
/// Deliberately has no field for card or passport data, so none can end up in an inbox.
/// </summary>
public sealed record BookingConfirmedEmail(
    string TravelerGivenName,
    string BookingReference,
    IReadOnlyList<string> TicketNumbers,
    IReadOnlyList<FlightSegment> Itinerary,
    Core.Money.Money AmountCharged,
    string SupportContact,
    Core.Offers.OfferFacts? Fare = null)
{
    public EmailMessage Render(string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var route = Itinerary.Count == 0 ? "" : $" {Itinerary[0].Origin} to {Itinerary[^1].Destination}";
        var subject = $"Booked:{route} (ref {BookingReference})";

        var text = new StringBuilder()
            .Append("Hello ").Append(TravelerGivenName).Append(",\n\n")
            .Append("We bought your ticket.\n\n")
            .Append("Booking reference: ").Append(BookingReference).Append('\n')
            .Append("Ticket numbers: ").Append(string.Join(", ", TicketNumbers)).Append('\n')
            .Append("Amount charged: ").Append(Money(AmountCharged)).Append("\n\n")
            .Append("Itinerary:\n").Append(SegmentsText(Itinerary))
            .Append(Fare is null ? "" : "\n" + Fare.Summary() + "\n")
            .Append("\nUse the booking reference to check in with the airline.\n")
            .Append(Footer(SupportContact))
            .ToString();

        var body = new StringBuilder()
            .Append("<p>Hello ").Append(Encode(TravelerGivenName)).Append(",</p>")
            .Append("<p>We bought your ticket.</p>")
            .Append("<p>Booking reference: <strong>").Append(Encode(BookingReference)).Append("</strong><br>")
            .Append("Ticket numbers: ").Append(Encode(string.Join(", ", TicketNumbers))).Append("<br>")
            .Append("Amount charged: ").Append(Encode(Money(AmountCharged))).Append("</p>")
            .Append(SegmentsHtml(Itinerary))
            .Append(Fare is null ? "" : "<p>" + Encode(Fare.Summary()) + "</p>")
            .Append("<p>Use the booking reference to check in with the airline.</p>")
            .ToString();

        return new EmailMessage(to, subject, text, Html("Your flight is booked", body, SupportContact));
    }
}
