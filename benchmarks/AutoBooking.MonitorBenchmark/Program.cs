using AutoBooking.IntegrationTests.Support;
using AutoBooking.MonitorBenchmark;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The monitor benchmark (README "Benchmarks"): seed, compare claims, drain the backlog, then sweep every 10 simulated minutes.
var settings = BenchmarkSettings.Parse(args);
await using var harness = new PipelineHarness();
harness.SandboxTime = harness.Clock;
harness.Overrides["Monitor:BatchSize"] = "5000";
harness.Overrides["Monitor:EnqueueConcurrency"] = "64";
harness.Overrides["Monitor:ProviderSearchesPerMinute"] = "100000";
// Millions of information lines would only fill the captured log.
harness.ConfigureServices = services => services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Warning);
await harness.InitializeAsync();
// Seeding and vacuuming 100k rows take longer than the default 30 s command timeout.
var db = new Db(harness.DatabaseConnectionString + ";Command Timeout=0");
var report = new BenchmarkReport(settings);
var driver = new MonitorDriver(harness, db, settings.Workers);
var meter = new StorageMeter(db);
harness.Sandbox.Fares.SetDrift(settings.Drift, 0);

Console.WriteLine($"Monitor benchmark: {settings.Trips} trips over {settings.Searches} searches, {settings.Days} simulated day(s), database {harness.DatabaseName}");
var population = new Population(harness, settings);
await BenchmarkReport.TimeAsync("seed templates (HTTP) and their first searches", async () =>
{
    await population.CreateTemplatesAsync();
    await driver.DrainSearchesAsync();
});
var trips = await population.CloneAsync(db, harness.Clock.GetUtcNow());
Console.WriteLine($"Seeded {trips} watching trips on {await db.ScalarAsync<long>("select count(distinct search_key) from trip_requests")} searches");

await new ClaimComparison(harness, db, driver, report).RunAsync(trips);

var before = await meter.SizesAsync();
var checksBefore = await meter.ChecksAsync();
await new Simulation(harness, db, driver, meter, report, settings).RunAsync();
var after = await meter.SizesAsync();
var checks = await meter.ChecksAsync() - checksBefore;
report.Storage(before, after, checks);
report.Print();
