using System.Net;
using System.Text.Json.Nodes;
using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Tests.Support;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>
/// What the Duffel client sends, against Duffel's documented request objects (Contracts/duffel/documented_fields.json):
/// an instant order with identity documents, a hold order, and a payment carry every required field and nothing Duffel
/// does not document, each with its documented JSON type.
/// </summary>
public sealed class DuffelDocumentedRequestTests : ContractTest
{
    private static readonly Guid AttemptId = Guid.Parse("4c5a3cf0-3f0e-4b5e-9d3c-1a2b3c4d5e6f");

    private static OrderRequest Order(string offerId) => new(offerId, new Money(448.00m, "GBP"),
    [
        new OrderPassenger("pas_0000AhTmH6NdMWn0vXb8AF", "ms", "Ada", "Lovelace", new DateOnly(1990, 12, 10), "f", "ada@example.com", "+442080160508")
        {
            Document = new IdentityDocument("passport", "533401222", "GB", new DateOnly(2034, 1, 1)),
        },
    ], AttemptId);

    [Fact]
    public async Task InstantOrderHoldAndPayment_SendOnlyDocumentedFields()
    {
        Duffel.Expect(HttpMethod.Post, "/air/orders", HttpStatusCode.Created, "duffel/order.json", ("x-request-id", "req_1"))
            .Expect(HttpMethod.Post, "/air/orders", HttpStatusCode.Created, "duffel/order_hold.json", ("x-request-id", "req_2"))
            .Expect(HttpMethod.Post, "/air/payments", HttpStatusCode.Created, "duffel/payment.json", ("x-request-id", "req_3"))
            .Expect(HttpMethod.Get, "/air/orders/ord_0000AhTmJ5hOLdAwAiTiNg", HttpStatusCode.OK, "duffel/order_hold_paid.json");

        await Flights.CreateOrderAsync(Order("off_0000AhTmHDpZwBqbwUhpAM"), CancellationToken.None);
        await Flights.CreateHoldOrderAsync(Order("off_0000AhTmHDpZwBqbwUhpAN"), CancellationToken.None);
        await Flights.PayHoldAsync("ord_0000AhTmJ5hOLdAwAiTiNg", new Money(448.00m, "GBP"), CancellationToken.None);

        var problems = new List<string>();
        foreach (var request in Duffel.Requests.Where(r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath.EndsWith("/air/orders", StringComparison.Ordinal)))
        {
            var data = JsonNode.Parse(request.Body!)!["data"]!.AsObject();
            DuffelDocumentedFieldsTests.CheckSent(data, "CreateOrder", "order", problems);
            foreach (var passenger in data["passengers"]!.AsArray())
            {
                DuffelDocumentedFieldsTests.CheckSent(passenger!.AsObject(), "CreateOrderPassenger", "order.passengers[]", problems);
                foreach (var document in passenger["identity_documents"]!.AsArray())
                {
                    DuffelDocumentedFieldsTests.CheckSent(document!.AsObject(), "IdentityDocument", "order.passengers[].identity_documents[]", problems);
                }
            }
            foreach (var payment in data["payments"]?.AsArray() ?? [])
            {
                DuffelDocumentedFieldsTests.CheckSent(payment!.AsObject(), "OrderPayment", "order.payments[]", problems);
            }
        }
        var paid = JsonNode.Parse(Duffel.Requests.Single(r => r.Uri.AbsolutePath.EndsWith("/air/payments", StringComparison.Ordinal)).Body!)!["data"]!.AsObject();
        DuffelDocumentedFieldsTests.CheckSent(paid, "CreatePayment", "payment", problems);
        DuffelDocumentedFieldsTests.CheckSent(paid["payment"]!.AsObject(), "OrderPayment", "payment.payment", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
