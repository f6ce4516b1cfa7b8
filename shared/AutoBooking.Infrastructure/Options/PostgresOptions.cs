using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class PostgresOptions
{
    public const string SectionName = "Postgres";

    /// <summary>Npgsql connection string. Secret in production (Key Vault reference).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";
}
