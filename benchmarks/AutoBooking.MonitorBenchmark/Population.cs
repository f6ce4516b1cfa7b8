using System.Globalization;
using System.Text.Json.Nodes;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.MonitorBenchmark;

/// <summary>
/// The reference population: <c>K</c> distinct searches (one template trip each, created through the HTTP function so its
/// first search runs for real) with a realistic mix — date windows, alternative airports, returns with a stay range,
/// families with a child and an infant, a few business-class — then cloned in SQL to <c>N</c> trips. Clones share their
/// template's search and rotation; each has its own price limit (40–90% of the fare its template first saw, so some
/// book when fares drift down and some never do).
/// </summary>
public sealed class Population(PipelineHarness harness, BenchmarkSettings settings)
{
    private static readonly string[] Origins = ["LHR", "LGW", "MAN", "EDI", "DUB", "AMS", "CDG", "FRA", "MAD", "BER"];
    private static readonly string[] Destinations = ["JFK", "BOS", "LAX", "MIA", "BCN", "LIS", "FCO", "ATH", "DXB", "SIN", "HND", "YYZ"];

    /// <summary>Creates the templates through the API; returns their ids (each has one search message queued).</summary>
    public async Task<List<Guid>> CreateTemplatesAsync()
    {
        var random = new Random(settings.Seed);
        var templates = new List<Guid>(settings.Searches);
        var today = DateOnly.FromDateTime(harness.Clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < settings.Searches; i++)
        {
            // One user per template keeps every template under the per-user active trip limit.
            templates.Add(await harness.CreateTripIdAsync(Body(random, today, i), TestTokens.For($"bench-template-{i}", expires: DateTime.UtcNow.AddHours(2))));
        }
        return templates;
    }

    /// <summary>
    /// Clones each template (after its first search set its search key) into its share of the trips, all due now, each
    /// with its own price limit drawn from the fare the template first saw. Returns the number of trips.
    /// </summary>
    public async Task<long> CloneAsync(Db db, DateTimeOffset now)
    {
        var copies = (settings.Trips / settings.Searches) - 1;
        var extra = settings.Trips % settings.Searches;
        await db.ExecuteAsync("select setseed(@seed)", new { seed = settings.Seed / 1000.0 });
        // jsonb_populate_record copies every column of the template, whatever migrations added, overriding the few that differ.
        await db.ExecuteAsync("""
            with templates as (
                select t.*, row_number() over (order by t.id) as n from trip_requests t where t.search_key is not null),
            copies as (
                select t, g from templates t
                cross join lateral generate_series(1, @copies + case when t.n <= @extra then 1 else 0 end) as g)
            insert into trip_requests
            select (jsonb_populate_record(null::trip_requests, to_jsonb(t) - 'n' || jsonb_build_object(
                'id', gen_random_uuid(), 'owner_id', 'bench-' || (t).id || '-' || g, 'next_check_at', @now, 'claim_token', null,
                'checks_made', 0))).*
            from copies
            """, new { copies, extra, now });
        // Each trip's own limit: 40–90% (--limits) of the cheapest fare found so far for searches like its next one (same airports,
        // cabin, passengers, one-way or return; the dates may differ, as they do along a rotation).
        await db.ExecuteAsync("""
            with seen as (
                select s.origin, s.destination, s.cabin, s.passenger_mix, s.return_date is null as one_way, min(o.total_amount) as cheapest
                from searches s join search_offers o on o.search_key = s.key
                group by 1, 2, 3, 4, 5)
            update trip_requests t set max_total_amount = round((seen.cheapest * (@low + (@high - @low) * random()))::numeric, 2),
                next_check_at = @now, claim_token = null
            from searches s, seen
            where s.key = t.search_key and seen.origin = s.origin and seen.destination = s.destination and seen.cabin = s.cabin
              and seen.passenger_mix = s.passenger_mix and seen.one_way = (s.return_date is null)
            """, new { now, low = settings.LimitLow, high = settings.LimitHigh });
        // A trip whose next search is like none searched yet keeps the template's open limit: watched, it rarely buys at once.
        await db.ExecuteAsync("""
            update trip_requests set max_total_amount = 150 where max_total_amount >= 100000
            """);
        await db.ExecuteAsync("vacuum analyze trip_requests");
        return await db.ScalarAsync<long>("select count(*) from trip_requests where status = 'watching'");
    }

    private static string Body(Random random, DateOnly today, int i)
    {
        var origin = Origins[random.Next(Origins.Length)];
        var destination = Destinations[random.Next(Destinations.Length)];
        var departure = today.AddDays(random.Next(14, 181));
        var body = JsonNode.Parse(TripBodies.Valid(origin, destination, maxPrice: 100_000m))!.AsObject();
        body["departureDate"] = Iso(departure);
        if (random.NextDouble() < 0.1)
        {
            body["cabin"] = "business";
        }
        if (random.NextDouble() < 0.25)
        {
            body["latestDepartureDate"] = Iso(departure.AddDays(random.Next(1, 4)));
        }
        if (random.NextDouble() < 0.2)
        {
            var alternative = Origins[(Array.IndexOf(Origins, origin) + 1 + random.Next(Origins.Length - 1)) % Origins.Length];
            body["additionalOrigins"] = new JsonArray(alternative);
        }
        if (random.NextDouble() < 0.4)
        {
            var minNights = random.Next(3, 10);
            body["returnStay"] = new JsonObject { ["minNights"] = minNights, ["maxNights"] = minNights + random.Next(0, 4) };
        }
        if (random.NextDouble() < 0.3)
        {
            var companions = new JsonArray(Companion("miss", "Zebedee", departure.AddYears(-8 - (i % 7))));
            if (random.NextDouble() < 0.4)
            {
                companions.Add(Companion("mr", "Quintessa", departure.AddMonths(-14)));
            }
            body["companions"] = companions;
        }
        return body.ToJsonString();
    }

    private static JsonObject Companion(string title, string givenName, DateOnly bornOn) => new()
    {
        ["title"] = title, ["givenName"] = givenName, ["familyName"] = "Lovelace", ["bornOn"] = Iso(bornOn), ["gender"] = "f",
        ["email"] = "ada.lovelace@example.com", ["phone"] = "+442080160508",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
