using AutoBooking.Core.Money;
using AutoBooking.Core.Offers;
using AutoBooking.Infrastructure.Resend.Templates;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>The fare's conditions in the confirmation email, and the approval email with and without a held fare (issue 20).</summary>
public sealed class FareEmailTemplateTests
{
    private const string Support = "support@autobooking.example";
    private static readonly DateTimeOffset AnswerBy = new(2026, 12, 10, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void BookingConfirmed_WithFareFacts_ShowsConditionsAndBags()
    {
        var facts = new OfferFacts(new FareCondition(false, null), new FareCondition(true, new Money(65m, "GBP")), 1, 1, true, ["passport"], false, null, null);
        var email = new BookingConfirmedEmail("Ada", "RZPNX8", ["125-1234567890"], [], new Money(432.10m, "USD"), Support, facts).Render("ada@example.com");

        foreach (var part in new[] { email.Text, email.Html })
        {
            Assert.Contains("Refund before departure: not allowed", part, StringComparison.Ordinal);
            Assert.Contains("Change before departure: allowed, penalty 65.00 GBP", part, StringComparison.Ordinal);
            Assert.Contains("1 checked, 1 carry-on", part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BookingConfirmed_WithoutFacts_SaysNothingAboutConditions() =>
        Assert.DoesNotContain("Refund", new BookingConfirmedEmail("Ada", "RZPNX8", [], [], new Money(1m, "GBP"), Support).Render("a@example.com").Text,
            StringComparison.Ordinal);

    [Fact]
    public void ApprovalRequested_HeldWithGuarantee_ShowsTheDeadlineAndTheGuarantee()
    {
        var email = new ApprovalRequestedEmail("Ada", "LHR", "JFK", new Money(448m, "GBP"), AnswerBy, AnswerBy.AddHours(2), AnswerBy.AddHours(1), Support)
            .Render("ada@example.com");

        Assert.Equal("Approve your fare: LHR to JFK at 448.00 GBP", email.Subject);
        foreach (var part in new[] { email.Text, email.Html })
        {
            Assert.Contains("holding this fare for you until", part, StringComparison.Ordinal);
            Assert.Contains("price is guaranteed until", part, StringComparison.Ordinal);
            Assert.Contains("Nothing is charged unless you approve", part, StringComparison.Ordinal);
            Assert.Contains(Support, part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ApprovalRequested_HeldWithoutGuarantee_SaysThePriceIsCheckedAgain()
    {
        var email = new ApprovalRequestedEmail("Ada", "LHR", "JFK", new Money(448m, "GBP"), AnswerBy, AnswerBy.AddHours(2), null, Support).Render("a@example.com");

        Assert.Contains("does not guarantee its price", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovalRequested_NotHeld_SaysSo_AndEncodesValues()
    {
        var email = new ApprovalRequestedEmail("<b>Ada</b>", "LHR", "JFK", new Money(448m, "GBP"), AnswerBy, null, null, Support).Render("a@example.com");

        Assert.Contains("The fare is not held", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Ada</b>", email.Html, StringComparison.Ordinal);
    }
}
