using AutoBooking.Infrastructure.Postgres;
using AutoBooking.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoBooking.IntegrationTests;

/// <summary>Start-ups and sweeps that overlap: nothing is done twice.</summary>
public sealed class PipelineConcurrencyTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Migrations_SeveralStartupsAtOnce_ApplyEachScriptOnce()
    {
        var fresh = harness.DatabaseName + "_m";
        await db.ExecuteAsync($"create database {fresh}");
        try
        {
            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(harness.DatabaseConnectionString) { Database = fresh }.ConnectionString;
            var options = Options.Create(new Infrastructure.Options.PostgresOptions { ConnectionString = connectionString });

            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                Task.Run(() => new DatabaseMigrator(options, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None))));

            var migrated = new Db(connectionString);
            var applied = await migrated.QueryAsync<string>("select scriptname from schemaversions");
            Assert.Equal(typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal)), applied.Count);
            Assert.Equal(applied.Count, applied.Distinct().Count());
            Assert.Equal(0L, await migrated.ScalarAsync<long>("select count(*) from trip_requests"));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await LocalServices.DropDatabaseAsync(fresh);
        }
    }

    [Fact]
    public async Task MonitorSweep_OverlappingSweeps_ClaimEachDueTripOnce()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.IsType<Microsoft.AspNetCore.Mvc.CreatedResult>(await harness.CreateTripAsync(TripBodies.Valid(), TestTokens.For($"user-{i}")));
        }
        await harness.SearchQueue.ClearMessagesAsync();
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute'");

        var claimed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(harness.RunMonitorSweepAsync)));

        Assert.Equal(30, claimed.Sum());
        var messages = new List<string>();
        string[] page;
        do
        {
            var received = await harness.SearchQueue.ReceiveMessagesAsync(32);
            page = received.Value.Select(m => m.Body.ToString()).ToArray();
            messages.AddRange(page);
        }
        while (page.Length > 0);
        Assert.Equal(30, messages.Count);
        Assert.Equal(30, messages.Select(m => m[..60]).Distinct().Count());
    }

    [Fact]
    public async Task PoisonMessage_IsRecordedOnTheTripAndAlerted()
    {
        var created = await harness.CreateTripAsync(TripBodies.Valid(), TestTokens.For("user-ada"));
        var tripId = ((Functions.Trips.TripResponse)((Microsoft.AspNetCore.Mvc.CreatedResult)created).Value!).Id;

        await harness.Get<PoisonMessageFunction>().BookingRequests(
            $$"""{"tripId":"{{tripId}}","offerId":"{{Guid.NewGuid()}}","correlationId":"c1"}""", CancellationToken.None);
        await harness.Get<PoisonMessageFunction>().SearchRequests("not json at all", CancellationToken.None);

        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'poison_message'", new { tripId }));
        Assert.Equal(2, harness.Logs.Lines.Count(l => l.Contains("ALERT poison message", StringComparison.Ordinal)));
    }
}
