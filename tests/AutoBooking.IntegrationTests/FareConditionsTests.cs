using AutoBooking.Core.Booking;
using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Refundable and changeable fares as trip criteria (issue 20). The sandbox's BA fare is not refundable and changes for
/// 65.00 GBP; AA says nothing about refunds (null, unknown) and changes free; VS refunds for 100.00 and changes free.
/// </summary>
public sealed class FareConditionsTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada-fares");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.PinFare("JFK", 400m);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task RefundableRequired_TheRefundableFareIsBought_NotTheCheaperOnes()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.With(TripBodies.Valid(maxPrice: 600m), "\"fareConditions\": { \"refundable\": {} }"), ada);

        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);

        Assert.Equal("VS", Assert.Single(harness.Sandbox.Ledger.Orders).Owner);
        Assert.Equal(50800, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
    }

    [Fact]
    public async Task FreeChangeRequired_ThePenaltyFareIsSkipped()
    {
        var tripId = await harness.CreateTripIdAsync(
            TripBodies.With(TripBodies.Valid(maxPrice: 600m), "\"fareConditions\": { \"changeable\": { \"maxPenalty\": 0 } }"), ada);

        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);

        Assert.Equal("AA", Assert.Single(harness.Sandbox.Ledger.Orders).Owner);
    }

    [Fact]
    public async Task RefundableWithinAPenaltyNoFareMeets_NothingIsBought_AndTheTripShowsTheRequirement()
    {
        var tripId = await harness.CreateTripIdAsync(
            TripBodies.With(TripBodies.Valid(maxPrice: 600m), "\"fareConditions\": { \"refundable\": { \"maxPenalty\": 50 } }"), ada);

        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());

        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        var trip = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);
        Assert.Equal(new FareConditionsDto(new FareConditionDto(50m), null), trip.FareConditions);
        Assert.Equal(50m, await db.ScalarAsync<decimal>(
            "select (fare_requirements -> 'refundable' ->> 'maxPenalty')::numeric from trip_requests where id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task Patch_SetsAndClearsTheRequirement()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 600m), ada);

        var set = await harness.Get<UpdateTripFunction>().Run(
            PipelineHarness.Request("PATCH", """{"fareConditions":{"changeable":{}}}""", ada), tripId.ToString(), default);
        var afterSet = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);
        var cleared = await harness.Get<UpdateTripFunction>().Run(
            PipelineHarness.Request("PATCH", """{"fareConditions":{}}""", ada), tripId.ToString(), default);
        var afterClear = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);

        Assert.IsType<OkObjectResult>(set);
        Assert.Equal(new FareConditionsDto(null, new FareConditionDto()), afterSet.FareConditions);
        Assert.IsType<OkObjectResult>(cleared);
        Assert.Null(afterClear.FareConditions);
    }

    [Theory]
    [InlineData("""{ "refundable": { "maxPenalty": -1 } }""", "/fareConditions/refundable/maxPenalty")]
    [InlineData("""{ "changeable": { "maxPenalty": 10.001 } }""", "/fareConditions/changeable/maxPenalty")]
    [InlineData("""{ "changeable": { "maxPenalty": 100001 } }""", "/fareConditions/changeable/maxPenalty")]
    public async Task BadPenalty_Is400WithTheField_AndNothingIsStored(string conditions, string field)
    {
        var result = await harness.CreateTripAsync(TripBodies.With(TripBodies.Valid(), $"\"fareConditions\": {conditions}"), ada);

        var problem = Assert.IsType<ValidationProblemDetails>(Assert.IsAssignableFrom<ObjectResult>(result).Value);
        Assert.Contains(field, problem.Errors.Keys);
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_requests"));
    }

    [Fact]
    public async Task UnknownMemberInFareConditions_IsRefused()
    {
        var result = await harness.CreateTripAsync(TripBodies.With(TripBodies.Valid(), "\"fareConditions\": { \"refundible\": {} }"), ada);

        Assert.InRange(Assert.IsAssignableFrom<ObjectResult>(result).StatusCode ?? 0, 400, 422);
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_requests"));
    }
}
