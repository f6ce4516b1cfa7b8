using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoBooking.Infrastructure.Options;

/// <summary>
/// With Entra authentication the token is the password: the connection string must name the role and must not
/// carry a password of its own (one would be a leftover secret in an app setting). Without it nothing changes.
/// Messages never echo the connection string.
/// </summary>
public sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UseEntraAuthentication)
        {
            return string.IsNullOrEmpty(options.ManagedIdentityClientId)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Postgres:ManagedIdentityClientId is set but Postgres:UseEntraAuthentication is not true.");
        }
        NpgsqlConnectionStringBuilder connection;
        try
        {
            connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail("Postgres:ConnectionString is not a valid Npgsql connection string.");
        }
        if (string.IsNullOrEmpty(connection.Username))
        {
            return ValidateOptionsResult.Fail("Postgres:ConnectionString must name the Entra role (Username) when Postgres:UseEntraAuthentication is true.");
        }
        if (!string.IsNullOrEmpty(connection.Password))
        {
            return ValidateOptionsResult.Fail("Postgres:ConnectionString carries a password although Postgres:UseEntraAuthentication is true: remove it, the Entra token is the password.");
        }
        return ValidateOptionsResult.Success;
    }
}
