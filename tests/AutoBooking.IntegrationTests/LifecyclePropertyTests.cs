using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using AutoBooking.Functions.Trips;
using AutoBooking.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// A traveler's data lifecycle as a property (issue 19): seeded random walks over the API of two users — create trips,
/// pause, resume, cancel, save profiles, read, export, erase — interleaved with the retention job run months later in
/// simulated time. After every step: no 5xx; no trip whose travelers were erased or anonymised is active; every trip a
/// user had before their erasure is ended with its travelers gone and no longer theirs (404); every trip of theirs
/// still reads (200, with no passengers once retention anonymised it) and another user's never does (404); the export
/// lists exactly their trips and names nobody on an anonymised one. A failing walk names its seed and step.
/// </summary>
public sealed class LifecyclePropertyTests : IAsyncLifetime
{
    private static readonly string[] ActiveStatuses = ["watching", "paused", "booking"];

    private readonly PipelineHarness harness = new();
    private readonly ShiftedClock clock = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        harness.ConfigureServices = services => services.AddSingleton<TimeProvider>(clock);
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Theory]
    [InlineData(20261207)]
    [InlineData(7)]
    [InlineData(424242)]
    public async Task RandomWalk_ErasureAndRetentionInterleaved_KeepEveryLifecycleProperty(int seed)
    {
        var random = new Random(seed);
        var users = new[] { $"walk-{seed}-ada", $"walk-{seed}-bob" };
        var tokens = users.ToDictionary(u => u, u => TestTokens.For(u));
        var tripsOf = users.ToDictionary(u => u, _ => new List<Guid>());
        var erasedBefore = users.ToDictionary(u => u, _ => new HashSet<Guid>());

        for (var step = 0; step < 40; step++)
        {
            var user = users[random.Next(users.Length)];
            var token = tokens[user];
            var trips = tripsOf[user];
            var roll = random.Next(100);
            string action;
            IActionResult? result = null;
            if (roll < 30)
            {
                action = "create trip";
                result = await harness.CreateTripAsync(TripBodies.Valid(maxPrice: 100m + random.Next(400)), token);
                if (result is CreatedResult { Value: TripResponse created })
                {
                    trips.Add(created.Id);
                }
            }
            else if (roll < 45 && trips.Count > 0)
            {
                var trip = trips[random.Next(trips.Count)];
                var commands = harness.Get<TripCommandsFunction>();
                var request = PipelineHarness.Request("POST", token: token);
                (action, result) = random.Next(3) switch
                {
                    0 => ("pause", await commands.Pause(request, trip.ToString(), default)),
                    1 => ("resume", await commands.Resume(request, trip.ToString(), default)),
                    _ => ("cancel", await commands.Cancel(request, trip.ToString(), default)),
                };
            }
            else if (roll < 55)
            {
                action = "save profile";
                result = await harness.Get<TravelersFunction>().Create(PipelineHarness.Request("POST", TravelerBodies.Valid(), token), default);
            }
            else if (roll < 65)
            {
                action = "export";
                result = await harness.Get<PersonalDataFunction>().Export(PipelineHarness.Request("GET", token: token), default);
            }
            else if (roll < 80)
            {
                action = "erase";
                result = await harness.Get<PersonalDataFunction>().Erase(PipelineHarness.Request("DELETE", token: token), default);
                if (result is OkObjectResult)
                {
                    // The erased trips are no longer the user's (their owner becomes a random erased:<uuid>).
                    erasedBefore[user].UnionWith(trips);
                    trips.Clear();
                }
            }
            else if (roll < 90)
            {
                // Months pass: finished trips' travelers go under the retention policy; then back to "now" so new
                // trips can still depart in the future.
                action = "retention, months later";
                var later = TimeSpan.FromDays(TestCalendar.DaysAhead + 120);
                clock.Advance(later);
                try
                {
                    await harness.Get<RetentionJob>().RunAsync(default);
                }
                finally
                {
                    clock.Advance(-later);
                }
            }
            else
            {
                action = "read another user's trip";
                var other = users.First(u => u != user);
                if (tripsOf[other].Count > 0)
                {
                    var foreign = tripsOf[other][random.Next(tripsOf[other].Count)];
                    result = await harness.GetTripAsync(foreign.ToString(), token);
                    Assert.True(result is ObjectResult { StatusCode: 404 }, $"seed {seed} step {step}: another user's trip answered {Describe(result)}");
                }
            }
            var because = $"seed {seed} step {step} ({user}: {action})";
            Assert.False(result is ObjectResult { StatusCode: >= 500 } or StatusCodeResult { StatusCode: >= 500 }, $"{because}: {Describe(result)}");
            await AssertPropertiesAsync(users, tokens, tripsOf, erasedBefore, because);
        }
        // The walk must have met the lifecycle it is about: an erasure of trips, and retention anonymising one.
        Assert.True(erasedBefore.Values.Sum(e => e.Count) > 0, $"seed {seed}: no trip was erased; choose another seed");
        Assert.True(await db.ScalarAsync<long>("select count(*) from trip_events where kind = 'personal_data_erased'") > 0, $"seed {seed}: nothing erased");
    }

    private async Task AssertPropertiesAsync(string[] users, Dictionary<string, string> tokens, Dictionary<string, List<Guid>> tripsOf,
        Dictionary<string, HashSet<Guid>> erasedBefore, string because)
    {
        var rows = await db.QueryAsync<(Guid Id, string Status, bool Erased)>(
            "select id, status, pii_erased_at is not null or traveler_protected is null from trip_requests");
        foreach (var (id, status, erased) in rows)
        {
            Assert.False(erased && ActiveStatuses.Contains(status), $"{because}: trip {id} is {status} with its travelers erased");
        }
        foreach (var user in users)
        {
            foreach (var tripId in erasedBefore[user])
            {
                var (_, status, erased) = rows.Single(r => r.Id == tripId);
                Assert.True(erased && !ActiveStatuses.Contains(status), $"{because}: trip {tripId} from before the erasure is {status}, erased: {erased}");
                var gone = await harness.GetTripAsync(tripId.ToString(), tokens[user]);
                Assert.True(gone is ObjectResult { StatusCode: 404 }, $"{because}: erased trip {tripId} still reads as the user's: {Describe(gone)}");
            }
            foreach (var tripId in tripsOf[user])
            {
                var read = await harness.GetTripAsync(tripId.ToString(), tokens[user]);
                Assert.True(read is OkObjectResult { Value: TripResponse }, $"{because}: GET trip {tripId} answered {Describe(read)}");
                var trip = (TripResponse)((OkObjectResult)read).Value!;
                var erased = rows.Single(r => r.Id == tripId).Erased;
                Assert.True(erased == (trip.Passengers is null), $"{because}: trip {tripId} erased {erased} but passengers {(trip.Passengers is null ? "null" : "shown")}");
            }
            var exported = await harness.Get<PersonalDataFunction>().Export(PipelineHarness.Request("GET", token: tokens[user]), default);
            Assert.True(exported is OkObjectResult { Value: PersonalDataExportResponse }, $"{because}: export answered {Describe(exported)}");
            var export = (PersonalDataExportResponse)((OkObjectResult)exported).Value!;
            foreach (var erasedTrip in export.Trips.Where(t => t.PiiErasedAt is not null))
            {
                Assert.True(erasedTrip.Travelers.Count == 0, $"{because}: export of erased trip {erasedTrip.Id} still names travelers");
            }
            Assert.Equal(tripsOf[user].Order(), export.Trips.Select(t => t.Id).Order());
        }
    }

    private static string Describe(IActionResult? result) => result switch
    {
        null => "nothing",
        ObjectResult { Value: ProblemDetails problem } o => $"{o.StatusCode} {problem.Type} {problem.Detail}",
        ObjectResult o => $"{o.StatusCode} {o.Value?.GetType().Name}",
        StatusCodeResult s => s.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => result.GetType().Name,
    };
}
