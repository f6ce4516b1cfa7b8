using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

/// <summary>
/// Offers carry Duffel's published terms, varied by carrier and route, and orders are validated against them as Duffel
/// validates them: identity documents required, allowed or refused, names in the characters Duffel takes (issue 20).
/// </summary>
public sealed class DuffelOfferTermsTests : SandboxTest
{
    private async Task<JsonElement> OfferOfAsync(string carrier, string origin = "LHR", string destination = "JFK")
    {
        var offers = await Duffel.ListAllOffersAsync((await Duffel.SearchAsync(origin, destination)).Str("id"));
        return offers.Single(o => o.GetProperty("owner").Str("iata_code") == carrier);
    }

    [Fact]
    public async Task Offers_VaryByCarrierAndRoute_AsDuffelsSchemaDescribesThem()
    {
        var ba = await OfferOfAsync("BA");
        var aa = await OfferOfAsync("AA");
        var vs = await OfferOfAsync("VS");
        var aaDomestic = await OfferOfAsync("AA", "JFK", "LAX");
        var baDomestic = await OfferOfAsync("BA", "JFK", "LAX");

        Assert.True(ba.GetProperty("passenger_identity_documents_required").GetBoolean());
        Assert.Equal(["passport"], ba.GetProperty("allowed_passenger_identity_document_types").EnumerateArray().Select(t => t.GetString()));
        Assert.False(aa.GetProperty("passenger_identity_documents_required").GetBoolean());
        Assert.Equal(["passport"], aa.GetProperty("allowed_passenger_identity_document_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(0, aaDomestic.GetProperty("allowed_passenger_identity_document_types").GetArrayLength());
        Assert.False(baDomestic.GetProperty("passenger_identity_documents_required").GetBoolean());

        // Holds: only AA's fares may be held, with a payment deadline after the price guarantee ends.
        Assert.True(ba.GetProperty("payment_requirements").GetProperty("requires_instant_payment").GetBoolean());
        var hold = aa.GetProperty("payment_requirements");
        Assert.False(hold.GetProperty("requires_instant_payment").GetBoolean());
        Assert.True(hold.GetProperty("payment_required_by").GetDateTimeOffset() > hold.GetProperty("price_guarantee_expires_at").GetDateTimeOffset());

        // Conditions: BA not refundable, changes for a GBP penalty whatever the fare's currency; AA says nothing of refunds.
        var baConditions = ba.GetProperty("conditions");
        Assert.False(baConditions.GetProperty("refund_before_departure").GetProperty("allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, baConditions.GetProperty("refund_before_departure").GetProperty("penalty_amount").ValueKind);
        Assert.Equal("65.00", baConditions.GetProperty("change_before_departure").Str("penalty_amount"));
        Assert.Equal("GBP", baConditions.GetProperty("change_before_departure").Str("penalty_currency"));
        Assert.Equal(JsonValueKind.Null, aa.GetProperty("conditions").GetProperty("refund_before_departure").ValueKind);
        Assert.Equal("100.00", vs.GetProperty("conditions").GetProperty("refund_before_departure").Str("penalty_amount"));
        // Slice-level conditions exist too, and every offer lists its available services (empty here).
        Assert.Equal(JsonValueKind.Object, ba.GetProperty("slices")[0].GetProperty("conditions").ValueKind);
        Assert.Equal(JsonValueKind.Array, ba.GetProperty("available_services").ValueKind);
    }

    [Fact]
    public async Task Order_DocumentsRequiredButNoneSent_Is422ValidationRequired_AndSellsNothing()
    {
        var offer = await OfferOfAsync("BA");
        var body = WithoutDocuments(DuffelCalls.OrderBodyFor(offer));

        using var response = await Duffel.CreateOrderAsync(body);

        await AssertValidationErrorAsync(response, "validation_required", "/passengers/0/identity_documents");
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Order_DocumentOnAnOfferThatAllowsNone_Is422()
    {
        var offer = await OfferOfAsync("AA", "JFK", "LAX");

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        await AssertValidationErrorAsync(response, "validation_format", "/passengers/0/identity_documents");
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Order_DocumentTypeDuffelDoesNotKnow_Is422()
    {
        var offer = await OfferOfAsync("BA");
        var body = DuffelCalls.OrderBodyFor(offer).Replace("\"type\":\"passport\"", "\"type\":\"identity_card\"", StringComparison.Ordinal);

        using var response = await Duffel.CreateOrderAsync(body);

        await AssertValidationErrorAsync(response, "validation_format", "/passengers/0/identity_documents/0/type");
    }

    [Fact]
    public async Task Order_PassportExpiringBeforeTheFlight_Is422()
    {
        var offer = await OfferOfAsync("BA");
        var body = DuffelCalls.OrderBodyFor(offer).Replace(TestCalendar.Iso(TestCalendar.Today.AddYears(10)),
            TestCalendar.Iso(TestCalendar.FirstDeparture.AddDays(-1)), StringComparison.Ordinal);

        using var response = await Duffel.CreateOrderAsync(body);

        await AssertValidationErrorAsync(response, "validation_format", "/passengers/0/identity_documents/0/expires_on");
    }

    [Fact]
    public async Task Order_OptionalDocumentOmitted_IsSold()
    {
        var offer = await OfferOfAsync("AA");

        using var response = await Duffel.CreateOrderAsync(WithoutDocuments(DuffelCalls.OrderBodyFor(offer)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(Assert.Single(Assert.Single(Sandbox.Ledger.Orders).Passengers).Document);
    }

    [Fact]
    public async Task Order_WithThePassport_IsSold_AndTheLedgerKeepsTheDocument()
    {
        var offer = await OfferOfAsync("BA");

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = Assert.Single(Assert.Single(Sandbox.Ledger.Orders).Passengers).Document;
        Assert.Equal(new LedgerIdentityDocument("passport", "533401222", "GB", TestCalendar.Iso(TestCalendar.Today.AddYears(10))), document);
    }

    [Theory]
    [InlineData("Zoë", true)]
    [InlineData("José-María", true)]
    [InlineData("O'Brien", true)]
    [InlineData("Ærøskøbing", false)]
    [InlineData("Œuvre", false)]
    [InlineData("Şahin", true)]
    [InlineData("Ș", false)]
    [InlineData("Ðorđe", true)]
    [InlineData("Guðrún", false)]
    [InlineData("Иван", false)]
    public async Task Order_NameCharacters_AreThoseDuffelAccepts(string givenName, bool accepted)
    {
        var offer = await OfferOfAsync("BA");
        var body = DuffelCalls.OrderBodyFor(offer).Replace("\"given_name\":\"Ada\"", $"\"given_name\":{JsonSerializer.Serialize(givenName)}", StringComparison.Ordinal);

        using var response = await Duffel.CreateOrderAsync(body);

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        else
        {
            await AssertValidationErrorAsync(response, "validation_format", "/passengers/0/given_name");
        }
    }

    private static string WithoutDocuments(string body)
    {
        var node = JsonNode.Parse(body)!;
        foreach (var passenger in node["data"]!["passengers"]!.AsArray())
        {
            passenger!.AsObject().Remove("identity_documents");
        }
        return node.ToJsonString();
    }

    private static async Task AssertValidationErrorAsync(HttpResponseMessage response, string code, string pointer)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.Str("type") == "validation_error" && e.Str("code") == code
            && e.GetProperty("source").Str("pointer") == pointer);
    }
}
