using AutoBooking.Core.Offers;

namespace AutoBooking.Core.Tests;

/// <summary>Refundable and changeable fares as criteria (issue 20): null conditions are unknown and meet nothing.</summary>
public class FareRequirementsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static FareCondition Allowed(decimal? penalty, string currency = "GBP") =>
        new(true, penalty is { } amount ? new Money.Money(amount, currency) : null);

    private static readonly FareCondition NotAllowed = new(false, null);

    public static TheoryData<string, FareRequirement, FareCondition?, bool> Cases => new()
    {
        { "allowed, any penalty", new FareRequirement(), Allowed(150), true },
        { "allowed, penalty not stated, any penalty", new FareRequirement(), Allowed(null), true },
        { "not allowed", new FareRequirement(), NotAllowed, false },
        { "unknown (null) is not allowed", new FareRequirement(), null, false },
        { "free required, free", new FareRequirement(0m), Allowed(0), true },
        { "free required, penalty", new FareRequirement(0m), Allowed(10), false },
        { "at most 100, 100", new FareRequirement(100m), Allowed(100), true },
        { "at most 100, 100.01", new FareRequirement(100m), Allowed(100.01m), false },
        { "at most 100, penalty not stated", new FareRequirement(100m), Allowed(null), false },
        { "at most 100, 50 in another currency cannot be compared", new FareRequirement(100m), Allowed(50, "USD"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsMetBy_Table(string because, FareRequirement requirement, FareCondition? condition, bool expected) =>
        Assert.True(expected == requirement.IsMetBy(condition, "GBP"), because);

    [Fact]
    public void Select_RefundableRequired_ChoosesTheDearerRefundableFare()
    {
        var nonRefundable = Offer("ba", 400, new FareConditions(NotAllowed, Allowed(65)));
        var unknown = Offer("aa", 420, FareConditions.Unknown);
        var refundable = Offer("vs", 480, new FareConditions(Allowed(100), Allowed(0)));
        var filters = OfferFilters.None with { Fare = new FareRequirements(new FareRequirement(), null) };

        var selection = OfferSelector.Select([nonRefundable, unknown, refundable],
            new SelectionCriteria(new Money.Money(500m, "GBP"), 1, TimeSpan.FromMinutes(5), filters), Now);

        Assert.Equal("vs", selection.Chosen?.ProviderOfferId);
    }

    [Fact]
    public void Select_FreeChangeRequired_NothingQualifiesWhenEveryChangeCosts()
    {
        var filters = OfferFilters.None with { Fare = new FareRequirements(null, new FareRequirement(0m)) };

        var selection = OfferSelector.Select([Offer("ba", 400, new FareConditions(NotAllowed, Allowed(65)))],
            new SelectionCriteria(new Money.Money(500m, "GBP"), 1, TimeSpan.FromMinutes(5), filters), Now);

        Assert.Null(selection.Chosen);
    }

    [Fact]
    public void Facts_DescribeEachCondition()
    {
        Assert.Equal("not stated by the airline", OfferFacts.Describe(null));
        Assert.Equal("not allowed", OfferFacts.Describe(NotAllowed));
        Assert.Equal("allowed, free", OfferFacts.Describe(Allowed(0)));
        Assert.Equal("allowed, penalty 65.00 GBP", OfferFacts.Describe(Allowed(65)));
    }

    private static OfferCandidate Offer(string id, decimal amount, FareConditions conditions) =>
        new(id, new Money.Money(amount, "GBP"), Now.AddMinutes(30), 0, TimeSpan.FromHours(8), ["BA"], 1,
            OfferTerms.Unknown with { Conditions = conditions });
}
