using Dapper;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Process-wide Dapper settings: snake_case columns to PascalCase members, DateOnly support.</summary>
internal static class DapperConfiguration
{
    private static int configured;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1)
        {
            return;
        }
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyTypeHandler());
    }
}
