using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Tests.Support;

/// <summary>The Duffel calls the booking flow makes, written out as the production client makes them.</summary>
public static class DuffelCalls
{
    /// <summary>The test run's first departure (see <see cref="TestCalendar"/>).</summary>
    public static readonly string Date = TestCalendar.Iso(TestCalendar.FirstDeparture);

    public static string SearchBody(string origin = "LHR", string destination = "JFK", string? date = null, string passengers = """[{"type":"adult"}]""") => $$$"""
        {"data":{"slices":[{"origin":"{{{origin}}}","destination":"{{{destination}}}","departure_date":"{{{date ?? Date}}}"}],
                 "passengers":{{{passengers}}},"cabin_class":"economy","max_connections":1}}
        """;

    /// <summary>A week after <see cref="Date"/>.</summary>
    public static readonly string ReturnDate = TestCalendar.Iso(TestCalendar.Departure(7));

    /// <summary>LHR→JFK on <see cref="Date"/> and back on <see cref="ReturnDate"/>.</summary>
    public static string ReturnSearchBody(string passengers = """[{"type":"adult"}]""") => $$$"""
        {"data":{"slices":[{"origin":"LHR","destination":"JFK","departure_date":"{{{Date}}}"},
                           {"origin":"JFK","destination":"LHR","departure_date":"{{{ReturnDate}}}"}],
                 "passengers":{{{passengers}}},"cabin_class":"economy","max_connections":1}}
        """;

    /// <summary>Searches and returns the offer request (201 asserted).</summary>
    public static Task<JsonElement> SearchAsync(this HttpClient duffel, string origin = "LHR", string destination = "JFK", string? date = null) =>
        duffel.SearchWithAsync(SearchBody(origin, destination, date));

    /// <summary>Posts an offer request body and returns the offer request (201 asserted).</summary>
    public static async Task<JsonElement> SearchWithAsync(this HttpClient duffel, string body)
    {
        using var response = await duffel.PostAsync("air/offer_requests?return_offers=false", Json.Body(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync(response)).GetProperty("data");
    }

    /// <summary>The cheapest offer of the search <paramref name="body"/> describes.</summary>
    public static async Task<JsonElement> CheapestOfferForAsync(this HttpClient duffel, string body)
    {
        var offers = await duffel.ListAllOffersAsync((await duffel.SearchWithAsync(body)).Str("id"));
        return offers.MinBy(Total);
    }

    public static decimal Total(JsonElement offerOrOrder) =>
        decimal.Parse(offerOrOrder.Str("total_amount"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every offer of a search, following meta.after cursors page by page.</summary>
    public static async Task<List<JsonElement>> ListAllOffersAsync(this HttpClient duffel, string offerRequestId, int limit = 50)
    {
        var offers = new List<JsonElement>();
        string? after = null;
        do
        {
            var url = $"air/offers?offer_request_id={offerRequestId}&limit={limit}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            using var response = await duffel.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Json.ReadAsync(response);
            offers.AddRange(page.GetProperty("data").EnumerateArray());
            var next = page.GetProperty("meta").GetProperty("after");
            after = next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);
        return offers;
    }

    /// <summary>Searches LHR→JFK and returns its cheapest offer.</summary>
    public static async Task<JsonElement> CheapestOfferAsync(this HttpClient duffel)
    {
        var search = await duffel.SearchAsync();
        var offers = await duffel.ListAllOffersAsync(search.Str("id"));
        return offers.MinBy(o => decimal.Parse(o.Str("total_amount"), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static string OrderBody(string offerId, string passengerId, string amount, string currency = "GBP") => $$$"""
        {"data":{"type":"instant","selected_offers":["{{{offerId}}}"],
                 "payments":[{"type":"balance","amount":"{{{amount}}}","currency":"{{{currency}}}"}],
                 "passengers":[{"id":"{{{passengerId}}}","title":"mr","given_name":"Ada","family_name":"Lovelace","born_on":"1990-01-01",
                                "gender":"f","email":"ada@example.com","phone_number":"+442080160508",
                                "identity_documents":[{{{PassportJson}}}]}],
                 "metadata":{"attempt_id":"attempt-1"} } }
        """;

    /// <summary>
    /// A passport valid for ten years from the test calendar's today, as an order's <c>identity_documents</c> entry:
    /// international offers from airlines that require documents (BA, VS) refuse an order without one.
    /// </summary>
    public static string PassportJson =>
        $$"""{"type":"passport","unique_identifier":"533401222","issuing_country_code":"GB","expires_on":"{{TestCalendar.Iso(TestCalendar.Today.AddYears(10))}}"}""";

    /// <summary>An order body paying the offer's own total for its (single) passenger.</summary>
    public static string OrderBodyFor(JsonElement offer) =>
        OrderBody(offer.Str("id"), offer.GetProperty("passengers")[0].Str("id"), offer.Str("total_amount"), offer.Str("total_currency"));

    /// <summary>
    /// An order body paying the offer's total for the passengers given (offer passenger id, and the infant on their
    /// lap if any), each with made-up but valid details.
    /// </summary>
    public static string OrderBodyFor(JsonElement offer, params (string Id, string? InfantId)[] passengers)
    {
        var named = new JsonArray();
        foreach (var (id, infantId) in passengers)
        {
            var passenger = new JsonObject
            {
                ["id"] = id,
                ["title"] = "ms",
                ["given_name"] = "Ada",
                ["family_name"] = "Lovelace",
                ["born_on"] = "1990-01-01",
                ["gender"] = "f",
                ["email"] = "ada@example.com",
                ["phone_number"] = "+442080160508",
                ["identity_documents"] = new JsonArray(JsonNode.Parse(PassportJson)),
            };
            if (infantId is not null)
            {
                passenger["infant_passenger_id"] = infantId;
            }
            named.Add(passenger);
        }
        var body = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["type"] = "instant",
                ["selected_offers"] = new JsonArray(offer.Str("id")),
                ["payments"] = new JsonArray(new JsonObject
                {
                    ["type"] = "balance",
                    ["amount"] = offer.Str("total_amount"),
                    ["currency"] = offer.Str("total_currency"),
                }),
                ["passengers"] = named,
            },
        };
        return body.ToJsonString();
    }

    /// <summary>The offer's passenger ids, in the offer's order.</summary>
    public static string[] PassengerIds(JsonElement offer) => [.. offer.GetProperty("passengers").EnumerateArray().Select(p => p.Str("id"))];

    public static Task<HttpResponseMessage> CreateOrderAsync(this HttpClient duffel, string body) => duffel.PostAsync("air/orders", Json.Body(body));

    /// <summary>The LHR→JFK offer of <paramref name="carrier"/> (AA's can be held, BA's and VS's cannot).</summary>
    public static async Task<JsonElement> OfferOfAsync(this HttpClient duffel, string carrier)
    {
        var offers = await duffel.ListAllOffersAsync((await duffel.SearchAsync()).Str("id"));
        return offers.Single(o => o.GetProperty("owner").Str("iata_code") == carrier);
    }

    /// <summary>A hold of the offer for its (single) passenger: <see cref="OrderBodyFor(JsonElement)"/> typed hold, without payments.</summary>
    public static string HoldBodyFor(JsonElement offer)
    {
        var body = JsonNode.Parse(OrderBodyFor(offer))!;
        var data = body["data"]!.AsObject();
        data["type"] = "hold";
        data.Remove("payments");
        return body.ToJsonString();
    }

    /// <summary>Duffel's CreatePayment: the order to pay and a balance payment of <paramref name="amount"/>.</summary>
    public static string PaymentBody(string orderId, string amount, string currency = "GBP") => new JsonObject
    {
        ["data"] = new JsonObject
        {
            ["order_id"] = orderId,
            ["payment"] = new JsonObject { ["type"] = "balance", ["amount"] = amount, ["currency"] = currency },
        },
    }.ToJsonString();

    public static Task<HttpResponseMessage> PayAsync(this HttpClient duffel, string body) => duffel.PostAsync("air/payments", Json.Body(body));

    /// <summary>The first error of a Duffel error body, with its request id.</summary>
    public static async Task<(string Type, string Code, string RequestId)> ReadErrorAsync(HttpResponseMessage response)
    {
        var body = await Json.ReadAsync(response);
        var error = body.GetProperty("errors")[0];
        return (error.Str("type"), error.Str("code"), body.GetProperty("meta").Str("request_id"));
    }
}
