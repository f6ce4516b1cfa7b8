using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using Npgsql;

namespace AutoBooking.Infrastructure.Tests;

public sealed class PostgresOptionsValidatorTests
{
    private const string LocalConnection = "Host=127.0.0.1;Port=54320;Username=autobooking;Password=autobooking;Database=autobooking";
    private const string EntraConnection = "Host=psql-autobooking-prod.postgres.database.azure.com;Port=5432;Database=autobooking;Username=id-autobooking-prod-db;SSL Mode=VerifyFull";

    private readonly PostgresOptionsValidator validator = new();

    [Fact]
    public void Validate_PasswordConnectionWithoutEntra_Succeeds() =>
        Assert.True(validator.Validate(null, new PostgresOptions { ConnectionString = LocalConnection }).Succeeded);

    [Fact]
    public void Validate_EntraWithRoleAndNoPassword_Succeeds() =>
        Assert.True(validator.Validate(null, Entra(EntraConnection)).Succeeded);

    [Fact]
    public void Validate_EntraWithPassword_FailsWithoutEchoingIt()
    {
        var result = validator.Validate(null, Entra(LocalConnection));

        Assert.True(result.Failed);
        Assert.Contains("carries a password", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("autobooking;", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EntraWithoutUsername_Fails()
    {
        var result = validator.Validate(null, Entra("Host=db.example;Database=autobooking"));

        Assert.True(result.Failed);
        Assert.Contains("Username", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EntraWithMalformedConnectionString_Fails() =>
        Assert.True(validator.Validate(null, Entra("Host=db;NoSuchKeyword=1")).Failed);

    [Fact]
    public void Validate_ClientIdWithoutEntra_Fails() =>
        Assert.True(validator.Validate(null, new PostgresOptions { ConnectionString = LocalConnection, ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001" }).Failed);

    [Fact]
    public async Task Create_WithEntra_SignsInAsTheRoleWithNoPasswordOfItsOwn()
    {
        await using var dataSource = PostgresDataSourceFactory.Create(Entra(EntraConnection));

        Assert.Equal("id-autobooking-prod-db", new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Username);
        Assert.Null(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Password);
    }

    private static PostgresOptions Entra(string connectionString) =>
        new() { ConnectionString = connectionString, UseEntraAuthentication = true, ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001" };
}
