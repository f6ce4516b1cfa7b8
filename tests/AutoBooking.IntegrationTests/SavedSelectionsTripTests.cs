using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>A trip made from a saved traveler profile and a saved card, with the consent recorded, books with that card.</summary>
public sealed class SavedSelectionsTripTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Trip_FromSavedTravelerAndCard_BooksWithTheSavedCardAndRecordsConsent()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
        var travelerId = await harness.SaveTravelerAsync(ada);
        var cardId = await StripeFlow.SaveCardAsync(harness, ada, "pm_card_visa");

        var tripId = await harness.CreateTripIdAsync(TripBodies.WithSaved(travelerId, cardId), ada);
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        var stripePaymentMethod = await db.ScalarAsync<string>("select stripe_payment_method_id from payment_methods where id = @cardId", new { cardId });
        var customer = await db.ScalarAsync<string>("select customer_id from stripe_customers where owner_id = 'user-ada'");
        var payment = Assert.Single(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal(stripePaymentMethod, payment.PaymentMethod);
        Assert.Equal(customer, payment.Customer);
        Assert.Equal("Grace", Assert.Single(Assert.Single(harness.Sandbox.Ledger.Orders).Passengers).GivenName);
        Assert.Equal("2026-11", await db.ScalarAsync<string>("select auto_book_consent_terms from trip_requests where id = @tripId", new { tripId }));
        Assert.True(await db.ScalarAsync<bool>("select auto_book_consent_at is not null from trip_requests where id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task Trip_NamingAnotherUsersTravelerOrCard_Is400AndStoresNothing()
    {
        var graceToken = TestTokens.For("user-grace");
        var gracesTraveler = await harness.SaveTravelerAsync(graceToken);
        var gracesCard = await StripeFlow.SaveCardAsync(harness, graceToken, "pm_card_visa");
        var before = await db.RowCountsAsync();

        var result = await harness.CreateTripAsync(TripBodies.WithSaved(gracesTraveler, gracesCard), ada);

        var problem = Assert.IsType<ValidationProblemDetails>(ApiEndpoints.AssertProblem(result, 400, "validation", "other user's"));
        Assert.Contains("/travelerId", problem.Errors.Keys);
        Assert.Contains("/paymentMethodId", problem.Errors.Keys);
        Assert.Equal(before, await db.RowCountsAsync());
    }

    [Fact]
    public async Task Trip_WithAChildProfileAsTheTraveler_Is400()
    {
        var child = TravelerBodies.Valid().Replace("1986-12-09", DateTime.UtcNow.AddYears(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var created = Assert.IsType<CreatedResult>(await harness.Get<TravelersFunction>().Create(PipelineHarness.Request("POST", child, ada), default));
        var cardId = await StripeFlow.SaveCardAsync(harness, ada, "pm_card_visa");

        var result = await harness.CreateTripAsync(TripBodies.WithSaved(((TravelerResponse)created.Value!).Id, cardId), ada);

        var problem = Assert.IsType<ValidationProblemDetails>(ApiEndpoints.AssertProblem(result, 400, "validation", "child"));
        Assert.Contains("/travelerId", problem.Errors.Keys);
    }

}
