using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>
/// The production Duffel client against the sandbox: an offer's documents, conditions, payment terms and bags are read
/// as Duffel documents them, and orders carry exactly the identity documents the offer takes (issue 20).
/// </summary>
public sealed class DuffelOfferTermsClientTests : SandboxClientTest
{
    private async Task<ProviderOffer> OfferOfAsync(string carrier, FlightSearch? search = null) =>
        (await Flights.SearchAsync(search ?? LondonToNewYork(), CancellationToken.None)).Offers.Single(o => o.Candidate.Carriers.SequenceEqual([carrier]));

    [Fact]
    public async Task Search_ReadsEachOffersTerms()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400m, "USD");

        var ba = (await OfferOfAsync("BA")).Candidate.TermsOrUnknown;
        var aa = (await OfferOfAsync("AA")).Candidate.TermsOrUnknown;
        var vs = (await OfferOfAsync("VS")).Candidate.TermsOrUnknown;

        Assert.True(ba.DocumentsRequired);
        Assert.Equal(["passport"], ba.AllowedDocumentTypes);
        Assert.True(ba.LastFlightOn >= TestCalendar.FirstDeparture);
        Assert.Equal(new FareCondition(false, null), ba.Conditions.RefundBeforeDeparture);
        // A penalty in the airline's currency, not the fare's.
        Assert.Equal(new FareCondition(true, new Core.Money.Money(65m, "GBP")), ba.Conditions.ChangeBeforeDeparture);
        Assert.True(ba.Payment.RequiresInstantPayment);
        Assert.Equal(1, ba.CarryOnBags);

        Assert.False(aa.DocumentsRequired);
        Assert.Null(aa.Conditions.RefundBeforeDeparture);
        Assert.Equal(new FareCondition(true, new Core.Money.Money(0m, "USD")), aa.Conditions.ChangeBeforeDeparture);
        Assert.True(aa.Payment.CanBeHeld);
        Assert.NotNull(aa.Payment.PaymentRequiredBy);
        Assert.NotNull(aa.Payment.PriceGuaranteeExpiresAt);

        Assert.Equal(new FareCondition(true, new Core.Money.Money(100m, "USD")), vs.Conditions.RefundBeforeDeparture);
    }

    [Fact]
    public async Task CreateOrder_OfferRequiringDocuments_SendsThePassport()
    {
        var offer = await OfferOfAsync("BA");

        var order = await Flights.CreateOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(OrderStatus.Confirmed, order.Status);
        var sent = Assert.Single(Assert.Single(Sandbox.Ledger.Orders).Passengers).Document;
        Assert.Equal(new LedgerIdentityDocument("passport", Passport.Number, "GB", TestCalendar.Iso(Passport.ExpiresOn)), sent);
    }

    [Fact]
    public async Task CreateOrder_RequiredDocumentMissing_IsRejectedByDuffel_NothingSold()
    {
        var offer = await OfferOfAsync("BA");
        var request = OrderFor(offer, Guid.NewGuid());
        request = request with { Passengers = [request.Passengers[0] with { Document = null }] };

        var order = await Flights.CreateOrderAsync(request, CancellationToken.None);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal("validation_required", order.FailureCode);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task CreateOrder_NameWithLettersDuffelRefuses_IsWrittenAsThePassportWouldBe()
    {
        var offer = await OfferOfAsync("BA");
        var request = OrderFor(offer, Guid.NewGuid());
        request = request with { Passengers = [request.Passengers[0] with { GivenName = "Ærin Ștefania", FamilyName = "Guðmundsdóttir" }] };

        var order = await Flights.CreateOrderAsync(request, CancellationToken.None);

        Assert.Equal(OrderStatus.Confirmed, order.Status);
        var passenger = Assert.Single(Assert.Single(Sandbox.Ledger.Orders).Passengers);
        Assert.Equal("AErin Stefania", passenger.GivenName);
        Assert.Equal("Gudmundsdóttir", passenger.FamilyName);
    }

    [Theory]
    [InlineData("Zoë", "Zoë")]
    [InlineData("Œdipe", "OEdipe")]
    [InlineData("Þór", "THór")]
    [InlineData("Nguyễn", "Nguyen")]
    [InlineData("O'Brien-Smith", "O'Brien-Smith")]
    public void Names_ForOrder_KeepWhatDuffelTakes_SpellOutTheRest(string name, string expected)
    {
        Assert.Equal(expected, DuffelNames.ForOrder(name));
        Assert.True(DuffelNames.IsAccepted(DuffelNames.ForOrder(name)));
    }
}
