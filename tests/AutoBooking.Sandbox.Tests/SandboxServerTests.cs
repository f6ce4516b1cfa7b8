using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

public sealed class SandboxServerTests : SandboxTest
{
    [Fact]
    public void StartAsync_PortZero_ListensOnARandomLoopbackPort()
    {
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", Sandbox.BaseUrl);
        Assert.Equal(Sandbox.BaseUrl + "/duffel", Sandbox.DuffelBaseUrl);
        Assert.Equal(Sandbox.BaseUrl + "/stripe", Sandbox.StripeBaseUrl);
        Assert.Equal(Sandbox.BaseUrl + "/resend", Sandbox.ResendBaseUrl);
    }

    [Fact]
    public async Task DisposeAsync_WhileATimeoutFaultHangs_StopsPromptly()
    {
        var sandbox = await SandboxServer.StartAsync(0, CancellationToken.None);
        Sandbox.Faults.Clear();
        sandbox.Faults.FailNextOrderCreation(1, DuffelFault.Timeout);
        using var http = new HttpClient { BaseAddress = new Uri(sandbox.DuffelBaseUrl + "/") };
        http.DefaultRequestHeaders.Add("Authorization", "Bearer t");
        http.DefaultRequestHeaders.Add("Duffel-Version", "v2");
        var hanging = http.PostAsync("air/orders", Json.Body("{}"));
        // The sandbox records a request on arrival: once the order is in the ledger, it hangs in the fault.
        using (var arrived = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!sandbox.Ledger.Requests.Any(r => r.Path.EndsWith("/air/orders", StringComparison.Ordinal)))
            {
                await Task.Delay(10, arrived.Token);
            }
        }

        var stopwatch = Stopwatch.StartNew();
        await sandbox.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"Stopping took {stopwatch.Elapsed}.");
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await hanging;
            response.EnsureSuccessStatusCode();
        });
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("air/orders"));
    }

    [Fact]
    public async Task LedgerEndpoint_ReturnsEverythingAsJson()
    {
        var offer = await Duffel.CheapestOfferAsync();
        using var ordered = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        using var admin = CreateBareClient();

        using var response = await admin.GetAsync("_sandbox/ledger");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ledger = await Json.ReadAsync(response);
        Assert.Equal(1, ledger.GetProperty("offerRequests").GetArrayLength());
        var searched = ledger.GetProperty("offerRequests")[0];
        Assert.Equal(1, searched.GetProperty("passengerCount").GetInt32());
        Assert.Equal(offer.GetProperty("passengers")[0].Str("id"), searched.GetProperty("passengers")[0].Str("id"));
        Assert.Equal("adult", searched.GetProperty("passengers")[0].Str("type"));
        Assert.Equal("LHR", searched.GetProperty("slices")[0].Str("origin"));
        Assert.Equal(offer.Str("id"), ledger.GetProperty("orders")[0].Str("offerId"));
        var passenger = ledger.GetProperty("orders")[0].GetProperty("passengers")[0];
        Assert.Equal(("adult", "Lovelace"), (passenger.Str("type"), passenger.Str("familyName")));
        Assert.Equal(JsonValueKind.Null, passenger.GetProperty("infantPassengerId").ValueKind);
        Assert.Equal(0, ledger.GetProperty("paymentIntents").GetArrayLength());
        Assert.Equal(0, ledger.GetProperty("emails").GetArrayLength());
    }

    [Fact]
    public async Task FaultsEndpoint_QueuesAnOrderCreationFault()
    {
        var offer = await Duffel.CheapestOfferAsync();
        using var admin = CreateBareClient();

        using var queued = await admin.PostAsync("_sandbox/faults/duffel-create-order", Json.Body("""{"count":1,"kind":"server_error"}"""));
        using var failed = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
    }

    [Fact]
    public async Task FaultsEndpoint_AcceptedThenFailed_OnlyForOrderCreation()
    {
        using var admin = CreateBareClient();

        using var queued = await admin.PostAsync("_sandbox/faults/duffel", Json.Body("""{"operation":"create_order","kind":"accepted_then_failed"}"""));
        using var refused = await admin.PostAsync("_sandbox/faults/duffel", Json.Body("""{"operation":"get_order","kind":"accepted_then_failed"}"""));

        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(1, Sandbox.Faults.PendingOrderCreationFaults);
        Assert.Equal(0, Sandbox.Faults.PendingFaults(DuffelOperation.GetOrder));
    }

    [Fact]
    public async Task FaultsEndpoint_UnknownKind_400()
    {
        using var admin = CreateBareClient();

        using var response = await admin.PostAsync("_sandbox/faults/duffel-create-order", Json.Body("""{"count":1,"kind":"meteor"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Sandbox.Faults.PendingOrderCreationFaults);
    }

    [Fact]
    public void FailNextOrderCreation_NonPositiveCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sandbox.Faults.FailNextOrderCreation(0, DuffelFault.ServerError));
    }

    [Fact]
    public void SetFare_InvalidAirport_Throws()
    {
        Assert.Throws<ArgumentException>(() => Sandbox.Fares.SetFare("LONDON", "JFK", TestCalendar.FirstDeparture, 100m));
    }
}
