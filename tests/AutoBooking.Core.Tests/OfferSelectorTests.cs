using AutoBooking.Core.Offers;

namespace AutoBooking.Core.Tests;

public class OfferSelectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly SelectionCriteria Criteria = new(new Money.Money(500m, "GBP"), 1, TimeSpan.FromMinutes(5));

    private static OfferCandidate Offer(string id, decimal amount, string currency = "GBP", int stops = 0, int minutes = 480,
        int expiresInMinutes = 30, string[]? carriers = null, int bags = 1) =>
        new(id, new Money.Money(amount, currency), Now.AddMinutes(expiresInMinutes), stops, TimeSpan.FromMinutes(minutes), carriers ?? ["BA"], bags);

    public static TheoryData<string, OfferCandidate[], string?> Cases => new()
    {
        { "cheapest qualifying wins", [Offer("a", 450), Offer("b", 420), Offer("c", 480)], "b" },
        { "price at the limit qualifies", [Offer("a", 500)], "a" },
        { "above the limit never qualifies", [Offer("a", 500.01m)], null },
        { "other currency never qualifies", [Offer("a", 100, "EUR")], null },
        { "too many stops", [Offer("a", 300, stops: 2), Offer("b", 400, stops: 1)], "b" },
        { "expiring inside the safety buffer", [Offer("a", 300, expiresInMinutes: 4), Offer("b", 400)], "b" },
        { "already expired", [Offer("a", 300, expiresInMinutes: -1)], null },
        { "price tie: fewer stops", [Offer("a", 400, stops: 1), Offer("b", 400, stops: 0)], "b" },
        { "price and stops tie: shorter journey", [Offer("a", 400, minutes: 600), Offer("b", 400, minutes: 500)], "b" },
        { "full tie: provider id decides", [Offer("z", 400), Offer("m", 400)], "m" },
        { "no offers", [], null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Select_Table_ChoosesExpectedOffer(string because, OfferCandidate[] offers, string? expectedId)
    {
        var selection = OfferSelector.Select(offers, Criteria, Now);

        Assert.True(expectedId == selection.Chosen?.ProviderOfferId, because);
    }

    public static TheoryData<string, OfferFilters, OfferCandidate[], string?> FilterCases => new()
    {
        { "excluded airline skipped", new([], ["BA"], null, 0), [Offer("a", 300), Offer("b", 350, carriers: ["VS"])], "b" },
        { "excluded on any flight", new([], ["AA"], null, 0), [Offer("a", 300, carriers: ["BA", "AA"]), Offer("b", 350)], "b" },
        { "included: every flight", new(["BA"], [], null, 0), [Offer("a", 300, carriers: ["BA", "AA"]), Offer("b", 350)], "b" },
        { "included: none match", new(["LH"], [], null, 0), [Offer("a", 300), Offer("b", 350)], null },
        { "too long", new([], [], 420, 0), [Offer("a", 300, minutes: 480), Offer("b", 350, minutes: 400)], "b" },
        { "duration at the limit", new([], [], 480, 0), [Offer("a", 300, minutes: 480)], "a" },
        { "bags required", new([], [], null, 2), [Offer("a", 300, bags: 1), Offer("b", 350, bags: 2)], "b" },
        { "no filters", OfferFilters.None, [Offer("a", 300, bags: 0)], "a" },
        { "preferred airline within 5% wins", new([], [], null, 0, ["VS"]), [Offer("a", 400), Offer("b", 419, carriers: ["VS"])], "b" },
        { "preferred airline at exactly 5% more wins", new([], [], null, 0, ["VS"]), [Offer("a", 400), Offer("b", 420, carriers: ["VS"])], "b" },
        { "preferred airline over 5% more loses", new([], [], null, 0, ["VS"]), [Offer("a", 400), Offer("b", 420.01m, carriers: ["VS"])], "a" },
        { "preferred must fly every flight", new([], [], null, 0, ["VS"]), [Offer("a", 400), Offer("b", 401, carriers: ["VS", "AA"])], "a" },
        { "preferred never lifts the price limit", new([], [], null, 0, ["VS"]), [Offer("a", 450), Offer("b", 501, carriers: ["VS"])], "a" },
        { "price tie: more bags", OfferFilters.None, [Offer("a", 400, bags: 0), Offer("b", 400, bags: 2)], "b" },
    };

    [Fact]
    public void Select_PreferredAirlineOverCheaper_ExplainsWhy()
    {
        var selection = OfferSelector.Select([Offer("a", 400), Offer("b", 410, carriers: ["VS"])],
            Criteria with { Filters = new([], [], null, 0, ["VS"]) }, Now);

        Assert.Equal("b", selection.Chosen?.ProviderOfferId);
        Assert.Contains("Preferred airline", selection.Explanation, StringComparison.Ordinal);
        Assert.Contains("400.00 GBP", selection.Explanation, StringComparison.Ordinal);
        Assert.Equal("a", selection.BestOverall?.ProviderOfferId);
    }

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Select_WithFilters_ChoosesExpectedOffer(string because, OfferFilters filters, OfferCandidate[] offers, string? expectedId)
    {
        var selection = OfferSelector.Select(offers, Criteria with { Filters = filters }, Now);

        Assert.True(expectedId == selection.Chosen?.ProviderOfferId, because);
    }

    [Fact]
    public void Select_SameOffersInAnyOrder_SameChoice()
    {
        var offers = new[] { Offer("a", 400, stops: 1), Offer("b", 400), Offer("c", 400, minutes: 300), Offer("d", 450) };

        var forward = OfferSelector.Select(offers, Criteria, Now).Chosen;
        var backward = OfferSelector.Select(offers.Reverse(), Criteria, Now).Chosen;

        Assert.Equal("c", forward?.ProviderOfferId);
        Assert.Same(forward, backward);
    }

    [Fact]
    public void Select_NothingQualifies_ReportsBestOverallAndWhy()
    {
        var selection = OfferSelector.Select([Offer("a", 650), Offer("b", 600)], Criteria, Now);

        Assert.Null(selection.Chosen);
        Assert.Equal("b", selection.BestOverall?.ProviderOfferId);
        Assert.Equal(0, selection.QualifyingCount);
        Assert.Contains("600.00 GBP", selection.Explanation, StringComparison.Ordinal);
    }
}
