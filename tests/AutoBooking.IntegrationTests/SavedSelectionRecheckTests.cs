using System.Text.Json;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// A trip create reads the saved profiles and card it names before it takes the owner's lock; an erasure (or a delete)
/// can run in between. Under the lock the create checks they still exist, so an erased profile is never copied into a
/// trip made after the erasure (issue 19, item 1).
/// </summary>
public sealed class SavedSelectionRecheckTests : IAsyncLifetime
{
    private const string Owner = "user-ada-recheck";
    private readonly PipelineHarness harness = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task SavedProfileGoneBeforeTheLock_NothingIsStored()
    {
        var trip = ValidTrip() with { SavedTravelerIds = [Guid.NewGuid()] };

        var outcome = await harness.Get<TripApi>().CreateAsync(trip, null, "corr-recheck", default);

        Assert.Equal(CreateStatus.SavedSelectionGone, outcome.Status);
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_requests"));
    }

    [Fact]
    public async Task SavedCardGoneBeforeTheLock_NothingIsStored()
    {
        var trip = ValidTrip() with { SavedPaymentMethodId = Guid.NewGuid() };

        var outcome = await harness.Get<TripApi>().CreateAsync(trip, null, "corr-recheck", default);

        Assert.Equal(CreateStatus.SavedSelectionGone, outcome.Status);
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_requests"));
    }

    [Fact]
    public async Task SavedProfileStillThere_IsCreated()
    {
        var travelerId = await harness.SaveTravelerAsync(TestTokens.For(Owner));
        var trip = ValidTrip() with { SavedTravelerIds = [travelerId] };

        var outcome = await harness.Get<TripApi>().CreateAsync(trip, null, "corr-recheck", default);

        Assert.Equal(CreateStatus.Created, outcome.Status);
    }

    private static Core.Trips.NewTrip ValidTrip()
    {
        var request = JsonSerializer.Deserialize<CreateTripRequest>(TripBodies.Valid(), JsonSerializerOptions.Web)!;
        var (trip, errors) = CreateTripValidator.Validate(request, Owner, DateTimeOffset.UtcNow);
        Assert.Empty(errors);
        return trip!;
    }
}
