using System.Globalization;
using System.Net;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

/// <summary>The airline changing a sold order's schedule: in-process, over the admin API, and as Duffel shows the order after.</summary>
public sealed class DuffelScheduleChangeTests : SandboxTest
{
    private async Task<JsonElement> BookAsync(string searchBody)
    {
        var offer = await Duffel.CheapestOfferForAsync(searchBody);
        using var created = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await Json.ReadAsync(created)).GetProperty("data");
    }

    private async Task<JsonElement> GetOrderAsync(string orderId)
    {
        using var fetched = await Duffel.GetAsync($"air/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        return (await Json.ReadAsync(fetched)).GetProperty("data");
    }

    private static DateTime Local(JsonElement segment, string property) =>
        DateTime.ParseExact(segment.Str(property), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ChangeSchedule_MovesEveryFlightOfTheSlice_TheOrderShowsTheNewSliceAndTheChange()
    {
        var sold = await BookAsync(DuffelCalls.ReturnSearchBody());
        var outbound = sold.GetProperty("slices")[0];

        var change = Sandbox.Airline.ChangeSchedule(sold.Str("id"), TimeSpan.FromMinutes(95));

        var order = await GetOrderAsync(sold.Str("id"));
        var moved = order.GetProperty("slices")[0];
        Assert.NotEqual(outbound.Str("id"), moved.Str("id"));
        var (before, after) = (outbound.GetProperty("segments")[0], moved.GetProperty("segments")[0]);
        Assert.NotEqual(before.Str("id"), after.Str("id"));
        Assert.Equal(Local(before, "departing_at").AddMinutes(95), Local(after, "departing_at"));
        Assert.Equal(Local(before, "arriving_at").AddMinutes(95), Local(after, "arriving_at"));
        Assert.Equal(before.Str("duration"), after.Str("duration"));
        // The way back is untouched.
        Assert.Equal(sold.GetProperty("slices")[1].GetRawText(), order.GetProperty("slices")[1].GetRawText());

        var listed = Assert.Single(order.GetProperty("airline_initiated_changes").EnumerateArray());
        Assert.StartsWith("aic_0000A", listed.Str("id"), StringComparison.Ordinal);
        Assert.Equal((change.Id, sold.Str("id")), (listed.Str("id"), listed.Str("order_id")));
        Assert.Equal(outbound.Str("id"), listed.GetProperty("removed")[0].Str("id"));
        Assert.Equal(moved.Str("id"), listed.GetProperty("added")[0].Str("id"));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("action_taken").ValueKind);

        Assert.Equal(change, Assert.Single(Sandbox.Ledger.AirlineChanges));
        Assert.Equal((sold.Str("booking_reference"), 0, TimeSpan.FromMinutes(95)), (change.BookingReference, change.SliceIndex, change.MovedBy));
        Assert.Equal(Local(before, "departing_at"), change.Before[0].DepartingAt);
        Assert.Equal(Local(after, "departing_at"), change.After[0].DepartingAt);
        Assert.Equal(("LHR", before.GetProperty("destination").Str("iata_code")), (change.After[0].Origin, change.After[0].Destination));
    }

    [Fact]
    public async Task ChangeSchedule_WithoutWebhooks_SendsNothing_AndCancelledOrUnknownOrdersAreRefused()
    {
        var sold = await BookAsync(DuffelCalls.SearchBody());

        Sandbox.Airline.ChangeSchedule(sold.Str("id"), TimeSpan.FromMinutes(-30));

        Assert.Empty(Sandbox.Ledger.WebhookDeliveries);
        Assert.Throws<KeyNotFoundException>(() => Sandbox.Airline.ChangeSchedule("ord_0000AUnknownOrder0000", TimeSpan.FromMinutes(30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sandbox.Airline.ChangeSchedule(sold.Str("id"), TimeSpan.FromMinutes(30), sliceIndex: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sandbox.Airline.ChangeSchedule(sold.Str("id"), TimeSpan.Zero));
        using var quoted = await Duffel.PostAsync("air/order_cancellations",
            Json.Body("""{"data":{"order_id":"ORDER_ID"}}""".Replace("ORDER_ID", sold.Str("id"), StringComparison.Ordinal)));
        using var confirmed = await Duffel.PostAsync($"air/order_cancellations/{(await Json.ReadAsync(quoted)).GetProperty("data").Str("id")}/actions/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Throws<InvalidOperationException>(() => Sandbox.Airline.ChangeSchedule(sold.Str("id"), TimeSpan.FromMinutes(30)));
        Assert.Single(Sandbox.Ledger.AirlineChanges);
    }

    [Fact]
    public async Task AdminScheduleChange_MovesTheSliceAndAnswersTheChange_BadRequestsAreRefused()
    {
        var sold = await BookAsync(DuffelCalls.ReturnSearchBody());
        using var admin = CreateBareClient();

        using var changed = await admin.PostAsync($"_sandbox/orders/{sold.Str("id")}/schedule_change", Json.Body("""{"move_minutes":120,"slice":1}"""));
        using var unknown = await admin.PostAsync("_sandbox/orders/ord_0000AUnknownOrder0000/schedule_change", Json.Body("""{"move_minutes":120}"""));
        using var noMove = await admin.PostAsync($"_sandbox/orders/{sold.Str("id")}/schedule_change", Json.Body("""{"slice":0}"""));
        using var noSlice = await admin.PostAsync($"_sandbox/orders/{sold.Str("id")}/schedule_change", Json.Body("""{"move_minutes":10,"slice":2}"""));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var change = await Json.ReadAsync(changed);
        Assert.Equal((sold.Str("id"), 1), (change.Str("orderId"), change.GetProperty("sliceIndex").GetInt32()));
        var order = await GetOrderAsync(sold.Str("id"));
        Assert.Equal(Local(sold.GetProperty("slices")[1].GetProperty("segments")[0], "departing_at").AddHours(2),
            Local(order.GetProperty("slices")[1].GetProperty("segments")[0], "departing_at"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noMove.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSlice.StatusCode);
        using var ledger = await admin.GetAsync("_sandbox/ledger");
        Assert.Single((await Json.ReadAsync(ledger)).GetProperty("airlineChanges").EnumerateArray());
    }
}
