using System.Globalization;
using System.Net;
using System.Text;
using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;

namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>
/// What every traveler email shares: HTML-encoding of every value (names, references and airline data all
/// come from outside), a plain layout, and invariant formatting of money and times.
/// </summary>
internal static class EmailLayout
{
    public static string Encode(string value) => WebUtility.HtmlEncode(value);

    public static string Money(Money money) => money.Amount.ToString("N2", CultureInfo.InvariantCulture) + " " + money.Currency;

    public static string Time(DateTime local) => local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Html(string heading, string bodyHtml, string supportContact)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:Arial,sans-serif;color:#1a1a1a\">");
        html.Append("<h1 style=\"font-size:20px\">").Append(Encode(heading)).Append("</h1>");
        html.Append(bodyHtml);
        html.Append("<p style=\"color:#555\">Questions? Contact us at ").Append(Encode(supportContact)).Append(".</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    public static string Footer(string supportContact) => "\nQuestions? Contact us at " + supportContact + ".\n";

    public static string SegmentsText(IReadOnlyList<FlightSegment> segments) =>
        string.Concat(segments.Select(s =>
            $"  {s.Carrier} {s.FlightNumber}  {s.Origin} {Time(s.DepartingAtLocal)} -> {s.Destination} {Time(s.ArrivingAtLocal)}\n"));

    public static string SegmentsHtml(IReadOnlyList<FlightSegment> segments)
    {
        var html = new StringBuilder("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        html.Append("<tr><th align=\"left\">Flight</th><th align=\"left\">From</th><th align=\"left\">Departs</th><th align=\"left\">To</th><th align=\"left\">Arrives</th></tr>");
        foreach (var s in segments)
        {
            html.Append("<tr><td>").Append(Encode(s.Carrier + " " + s.FlightNumber))
                .Append("</td><td>").Append(Encode(s.Origin))
                .Append("</td><td>").Append(Encode(Time(s.DepartingAtLocal)))
                .Append("</td><td>").Append(Encode(s.Destination))
                .Append("</td><td>").Append(Encode(Time(s.ArrivingAtLocal)))
                .Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }
}
