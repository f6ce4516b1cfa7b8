using AutoBooking.Infrastructure.Options;
using Azure.Core;
using Azure.Identity;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Builds the <see cref="NpgsqlDataSource"/> from <see cref="PostgresOptions"/>: the app's singleton and the migrate
/// step's both come from here, so both sign in the same way. A plain connection string gives a plain data source
/// (local development, tests). With <see cref="PostgresOptions.UseEntraAuthentication"/>, Npgsql's periodic password
/// provider keeps a Microsoft Entra token for Azure Database for PostgreSQL as the password of new connections.
/// </summary>
public static class PostgresDataSourceFactory
{
    /// <summary>The token audience of Azure Database for PostgreSQL.</summary>
    private const string EntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    // Tokens live an hour or more and Azure.Identity caches them until shortly before expiry, so asking every few
    // minutes is nearly free and no connection opens with a token about to lapse. A failed fetch is retried soon:
    // until one succeeds, opening a connection fails with Azure.Identity's reason.
    private static readonly TimeSpan TokenRefreshInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TokenRetryInterval = TimeSpan.FromSeconds(10);

    public static NpgsqlDataSource Create(PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UseEntraAuthentication)
        {
            return NpgsqlDataSource.Create(options.ConnectionString);
        }
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrEmpty(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
        });
        var request = new TokenRequestContext([EntraScope]);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        builder.UsePeriodicPasswordProvider(
            async (_, cancellationToken) => (await credential.GetTokenAsync(request, cancellationToken)).Token,
            TokenRefreshInterval,
            TokenRetryInterval);
        return builder.Build();
    }
}
