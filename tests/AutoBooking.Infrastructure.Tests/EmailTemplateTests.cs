using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Resend.Templates;

namespace AutoBooking.Infrastructure.Tests;

public sealed class EmailTemplateTests
{
    private const string Support = "support@autobooking.example";
    private const string Hostile = "<script>alert('x')</script> & \"Ada\"";

    private static readonly ItinerarySegment Outbound = new("BA", "117", "LHR", "JFK", new DateTime(2026, 12, 10, 9, 30, 0), new DateTime(2026, 12, 10, 12, 40, 0));

    private static BookingConfirmedEmail Confirmed(string givenName = "Ada") =>
        new(givenName, "RZPNX8", ["125-1234567890"], [Outbound], new Money(1432.10m, "GBP"), Support);

    [Fact]
    public void BookingConfirmed_HasReferenceTicketsItineraryAmountAndSupport()
    {
        var email = Confirmed().Render("ada@example.com");

        Assert.Equal("ada@example.com", email.To);
        Assert.Equal("Booked: LHR to JFK (ref RZPNX8)", email.Subject);
        foreach (var part in new[] { email.Text, email.Html })
        {
            Assert.Contains("RZPNX8", part, StringComparison.Ordinal);
            Assert.Contains("125-1234567890", part, StringComparison.Ordinal);
            Assert.Contains("1,432.10 GBP", part, StringComparison.Ordinal);
            Assert.Contains("BA 117", part, StringComparison.Ordinal);
            Assert.Contains("Thu 10 Dec 2026 09:30", part, StringComparison.Ordinal);
            Assert.Contains(Support, part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BookingConfirmed_EncodesEveryValueInHtml()
    {
        var email = Confirmed(Hostile).Render("ada@example.com");

        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ada&quot;", email.Html, StringComparison.Ordinal);
        // The text part is not HTML: it carries the value as written.
        Assert.Contains(Hostile, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PaymentActionRequired_LinksToTheConfirmationPage()
    {
        var email = new PaymentActionRequiredEmail("Ada", "LHR", "JFK", new Money(432.10m, "GBP"),
            new Uri("https://app.autobooking.example/confirm?attempt=1&token=a\"b"), new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero), Support)
            .Render("ada@example.com");

        Assert.Equal("Action needed: confirm your payment for LHR to JFK", email.Subject);
        Assert.Contains("https://app.autobooking.example/confirm?attempt=1&token=a%22b", email.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://app.autobooking.example/confirm?attempt=1&amp;token=a%22b\"", email.Html, StringComparison.Ordinal);
        Assert.Contains("Tue 1 Dec 2026 18:00 UTC", email.Text, StringComparison.Ordinal);
        Assert.Contains("you will not be charged", email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true, "You have not been charged.", "still watching")]
    [InlineData(true, false, "has been refunded", "stopped watching")]
    public void BookingFailed_SaysWhatHappenedToTheMoneyAndWhatIsNext(bool refunded, bool watching, string money, string next)
    {
        var email = new BookingFailedEmail("Ada", "LHR", "JFK", "the airline withdrew the fare", refunded, watching, Support).Render("ada@example.com");

        Assert.Equal("We could not book LHR to JFK", email.Subject);
        Assert.Contains("the airline withdrew the fare", email.Html, StringComparison.Ordinal);
        Assert.Contains(money, email.Text, StringComparison.Ordinal);
        Assert.Contains(next, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BookingUnderReview_PromisesNoDoubleChargeAndTheOutcome_EncodesValues()
    {
        var email = new BookingUnderReviewEmail(Hostile, "LHR", "JFK", Support).Render("ada@example.com");

        Assert.Equal(("ada@example.com", "We are checking your booking for LHR to JFK"), (email.To, email.Subject));
        Assert.Contains("You will not be charged twice", email.Text, StringComparison.Ordinal);
        Assert.Contains("We will email you as soon as it is settled", email.Text, StringComparison.Ordinal);
        Assert.Contains("You will not be charged twice", email.Html, StringComparison.Ordinal);
        Assert.Contains(Support, email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduleChange_ShowsTheNewItinerary()
    {
        var moved = Outbound with { DepartingAtLocal = new DateTime(2026, 12, 10, 14, 0, 0), ArrivingAtLocal = new DateTime(2026, 12, 10, 17, 10, 0) };

        var email = new ScheduleChangeEmail("Ada", "RZPNX8", [moved], Support).Render("ada@example.com");

        Assert.Equal("Schedule change for booking RZPNX8", email.Subject);
        Assert.Contains("Thu 10 Dec 2026 14:00", email.Html, StringComparison.Ordinal);
        Assert.Contains("Thu 10 Dec 2026 17:10", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_HaveNoPlaceForCardOrPassportData()
    {
        // The models are the guarantee: nothing to fill with a card number, CVC or document number.
        var forbidden = new[] { "card", "pan", "cvc", "passport", "document", "identity" };
        foreach (var type in new[] { typeof(BookingConfirmedEmail), typeof(PaymentActionRequiredEmail), typeof(BookingFailedEmail), typeof(ScheduleChangeEmail), typeof(ItinerarySegment) })
        {
            foreach (var property in type.GetProperties())
            {
                Assert.DoesNotContain(forbidden, word => property.Name.Contains(word, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    [Fact]
    public void Render_WithoutRecipient_Throws()
    {
        Assert.Throws<ArgumentException>(() => Confirmed().Render(" "));
    }

    [Fact]
    public void Render_ProducesAnEmailMessage()
    {
        Assert.IsType<EmailMessage>(Confirmed().Render("ada@example.com"));
    }
}
