using AutoBooking.Core.Offers;

namespace AutoBooking.Core.Tests;

/// <summary>Identity documents as offer selection sees them (issue 20): required, allowed, valid until the last flight.</summary>
public class DocumentCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly LastFlight = new(2027, 1, 10);
    private static readonly TravelDocument Passport = new("passport", new DateOnly(2030, 1, 1));

    private static OfferTerms Terms(bool required, params string[] allowed) =>
        OfferTerms.Unknown with { DocumentsRequired = required, AllowedDocumentTypes = allowed, LastFlightOn = LastFlight };

    private static OfferCandidate Offer(string id, decimal amount, OfferTerms? terms, string carrier = "BA") =>
        new(id, new Money.Money(amount, "GBP"), Now.AddMinutes(30), 0, TimeSpan.FromHours(8), [carrier], 1, terms);

    private static SelectionCriteria Criteria(params TravelDocument?[] documents) =>
        new(new Money.Money(500m, "GBP"), 1, TimeSpan.FromMinutes(5), null, documents);

    public static TheoryData<string, OfferTerms, TravelDocument?[], bool> Cases => new()
    {
        { "not required, none on file", Terms(false, "passport"), [null], true },
        { "not allowed at all, none on file", Terms(false), [null], true },
        { "required, passport on file", Terms(true, "passport"), [Passport], true },
        { "required, none on file", Terms(true, "passport"), [null], false },
        { "required, only an identity card", Terms(true, "passport"), [new TravelDocument("identity_card", new DateOnly(2030, 1, 1))], false },
        { "required, passport expires the day of the last flight", Terms(true, "passport"), [Passport with { ExpiresOn = LastFlight }], true },
        { "required, passport expires the day before the last flight", Terms(true, "passport"), [Passport with { ExpiresOn = LastFlight.AddDays(-1) }], false },
        { "required, one of two travelers without", Terms(true, "passport"), [Passport, null], false },
        { "required but nothing allowed", Terms(true), [Passport], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Satisfies_Table(string because, OfferTerms terms, TravelDocument?[] documents, bool expected) =>
        Assert.True(expected == DocumentCheck.Satisfies(terms, documents), because);

    [Fact]
    public void Shortfall_CountsTravelersWithoutAndWithExpiringPassports()
    {
        var shortfall = DocumentCheck.Shortfall(Terms(true, "passport"),
            [Passport, null, null, Passport with { ExpiresOn = LastFlight.AddDays(-3) }]);

        Assert.Equal("2 of 4 travelers have no passport on file; 1 of 4 travelers' passport expires before the last flight on 2027-01-10", shortfall);
    }

    [Fact]
    public void Shortfall_OneTraveler_SaysSoPlainly() =>
        Assert.Equal("the traveler has no passport on file", DocumentCheck.Shortfall(Terms(true, "passport"), [null]));

    [Fact]
    public void Accepts_NeverADocumentTheOfferDoesNotList()
    {
        Assert.False(DocumentCheck.Accepts(Terms(false), Passport));
        Assert.True(DocumentCheck.Accepts(Terms(false, "passport"), Passport));
        Assert.False(DocumentCheck.Accepts(Terms(true, "passport"), null));
    }

    [Fact]
    public void Select_OfferRequiringDocumentsTheTravelersLack_IsSkippedForOneThatDoesNot()
    {
        var offers = new[] { Offer("ba", 400, Terms(true, "passport")), Offer("aa", 450, Terms(false, "passport"), "AA") };

        var selection = OfferSelector.Select(offers, Criteria(null, Passport), Now);

        Assert.Equal("aa", selection.Chosen?.ProviderOfferId);
        Assert.Equal(1, selection.QualifyingCount);
    }

    [Fact]
    public void Select_OnlyOffersRequiringMissingDocuments_ExplainsWhatIsMissing()
    {
        var selection = OfferSelector.Select([Offer("ba", 400, Terms(true, "passport"))], Criteria(Passport, null, null), Now);

        Assert.Null(selection.Chosen);
        Assert.Contains("2 of 3 travelers have no passport on file", selection.Explanation, StringComparison.Ordinal);
        Assert.Contains("400.00 GBP", selection.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_DocumentsUnknown_NeverSatisfyARequirement()
    {
        var selection = OfferSelector.Select([Offer("ba", 400, Terms(true, "passport"))],
            new SelectionCriteria(new Money.Money(500m, "GBP"), 1, TimeSpan.FromMinutes(5)), Now);

        Assert.Null(selection.Chosen);
    }

    [Fact]
    public void Select_OfferWithoutRecordedTerms_NeedsNoDocuments()
    {
        var selection = OfferSelector.Select([Offer("old", 400, null)], Criteria((TravelDocument?)null), Now);

        Assert.Equal("old", selection.Chosen?.ProviderOfferId);
    }

    [Fact]
    public void Select_PriceTooHigh_ExplainsThePriceNotTheDocuments()
    {
        var selection = OfferSelector.Select([Offer("ba", 900, Terms(true, "passport"))], Criteria((TravelDocument?)null), Now);

        Assert.DoesNotContain("passport", selection.Explanation, StringComparison.Ordinal);
        Assert.Contains("limit", selection.Explanation, StringComparison.Ordinal);
    }
}
