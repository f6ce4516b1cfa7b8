using System.Text;
using AutoBooking.Core.Ports;
using static AutoBooking.Infrastructure.Resend.Templates.EmailLayout;

namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>"The airline changed your flight": the booking, the new schedule, and how to accept or ask for help.</summary>
public sealed record ScheduleChangeEmail(
    string TravelerGivenName,
    string BookingReference,
    IReadOnlyList<FlightSegment> NewItinerary,
    string SupportContact)
{
    public EmailMessage Render(string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var subject = $"Schedule change for booking {BookingReference}";

        var text = new StringBuilder()
            .Append("Hello ").Append(TravelerGivenName).Append(",\n\n")
            .Append("The airline changed the schedule of your booking ").Append(BookingReference).Append(".\n\n")
            .Append("Your new itinerary:\n").Append(SegmentsText(NewItinerary))
            .Append("\nIf the new times do not work for you, contact us: you may be entitled to a change or a refund.\n")
            .Append(Footer(SupportContact))
            .ToString();

        var body = new StringBuilder()
            .Append("<p>Hello ").Append(Encode(TravelerGivenName)).Append(",</p>")
            .Append("<p>The airline changed the schedule of your booking <strong>").Append(Encode(BookingReference)).Append("</strong>.</p>")
            .Append(SegmentsHtml(NewItinerary))
            .Append("<p>If the new times do not work for you, contact us: you may be entitled to a change or a refund.</p>")
            .ToString();

        return new EmailMessage(to, subject, text, Html("Your flight schedule changed", body, SupportContact));
    }
}
