using AutoBooking.Infrastructure.Postgres;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// ValidateOnStart is known not to fire in some Functions setups (dotnet/runtime #96034): prove that a host
/// built from the app's registrations refuses to start with a missing or invalid setting. And the traps that
/// are not settings: Postgres down or a schema behind the build never keep the worker from starting; health
/// says 503 instead.
/// </summary>
public sealed class StartupValidationTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Theory]
    [InlineData("Postgres:ConnectionString", null)]
    [InlineData("Duffel:BaseUrl", "not a url")]
    [InlineData("Stripe:SecretKey", "")]
    [InlineData("Auth:SigningKey", "short")]
    [InlineData("Pii:ActiveKeyVersion", "v9")]
    [InlineData("Monitor:BatchSize", "0")]
    [InlineData("Monitor:Schedule", "every ten minutes")]
    [InlineData("Reconciler:Schedule", null)]
    [InlineData("Reconciler:HoldEscalationHours", "0")]
    [InlineData("Booking:PaymentConfirmUrl", "https://app.autobooking.test/confirm-payment")]
    [InlineData("Booking:AuthenticationTimeoutSeconds", "-1")]
    [InlineData("Outbox:AlertAfterMinutes", "0")]
    [InlineData("Outbox:RetryMaxSeconds", "5")]
    public async Task Host_MissingOrInvalidSetting_FailsToStart(string key, string? value)
    {
        var settings = harness.Settings();
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }
        using var host = harness.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key.Split(':')[0], error.Message + string.Join(' ', error.Failures) + error.OptionsType.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_MissingMonitorSchedule_RefusesToStartNamingTheSetting()
    {
        var settings = harness.Settings();
        settings.Remove("Monitor:Schedule");
        using var host = harness.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Monitor:Schedule (app setting Monitor__Schedule) is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_PostgresDown_StartsAndHealthAnswers503()
    {
        var settings = harness.Settings();
        settings["Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(harness.DatabaseConnectionString)
        {
            Port = ClosedPort.Next(),
            Timeout = 3,
        }.ConnectionString;
        using var host = await harness.StartAsync(settings);
        var (status, report) = await HealthAsync(host);
        await host.StopAsync();

        Assert.Equal(503, status);
        Assert.Equal(new HealthReport(false, "down", "up", "unknown"), report);
        Assert.Contains(harness.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains("Postgres unreachable at start-up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Host_SchemaBehind_StartsAndHealthAnswers503_UntilTheMigrateStepRuns()
    {
        var database = harness.DatabaseName + "_behind";
        await LocalServices.CreateDatabaseAsync(database);
        try
        {
            var settings = harness.Settings();
            settings["Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(harness.DatabaseConnectionString) { Database = database }.ConnectionString;
            using var host = await harness.StartAsync(settings);
            var (behindStatus, behind) = await HealthAsync(host);
            var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            var (currentStatus, current) = await HealthAsync(host);
            await host.StopAsync();

            Assert.Equal(503, behindStatus);
            Assert.Equal(new HealthReport(false, "up", "up", "behind"), behind);
            Assert.Contains(harness.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains("schema is behind", StringComparison.Ordinal));
            Assert.Equal(SchemaVersion.ExpectedScripts.Count, applied);
            Assert.Equal(200, currentStatus);
            Assert.Equal(new HealthReport(true, "up", "up", "current"), current);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await LocalServices.DropDatabaseAsync(database);
        }
    }

    private static async Task<(int? Status, HealthReport Report)> HealthAsync(IHost host)
    {
        var result = Assert.IsType<ObjectResult>(
            await host.Services.GetRequiredService<HealthFunction>().Run(PipelineHarness.Request("GET"), CancellationToken.None));
        return (result.StatusCode, Assert.IsType<HealthReport>(result.Value));
    }
}
