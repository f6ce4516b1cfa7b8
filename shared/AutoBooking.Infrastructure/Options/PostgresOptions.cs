using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class PostgresOptions
{
    public const string SectionName = "Postgres";

    /// <summary>
    /// Npgsql connection string. Locally and in tests a plain one with a password; in Azure the role name without a
    /// password (<see cref="UseEntraAuthentication"/>).
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Sign in with a Microsoft Entra token as the password (Azure Database for PostgreSQL with Entra authentication),
    /// fetched and refreshed through Azure.Identity. The connection string then names the role and carries no
    /// password. Off unless set: local development and the tests use passwords.
    /// </summary>
    public bool UseEntraAuthentication { get; set; }

    /// <summary>
    /// With <see cref="UseEntraAuthentication"/>: the client id of the user-assigned managed identity to sign in as
    /// (the deployment's database identity). Empty: whatever DefaultAzureCredential finds first (a system-assigned
    /// identity, environment credentials, an Azure CLI sign-in).
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }
}
