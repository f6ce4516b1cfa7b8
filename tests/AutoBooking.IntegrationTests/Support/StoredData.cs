using AutoBooking.Infrastructure.Security;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Everything the database holds, for PII scans: every row of every table as JSON, and every encrypted traveler value
/// (trip travelers, companions, saved profiles) decrypted.
/// </summary>
public static class StoredData
{
    public static async Task<(List<string> Rows, List<string> Decrypted)> ReadAllAsync(Db db, PiiProtector pii)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pii);
        var tables = await db.QueryAsync<string>(
            "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
        var rows = new List<string>();
        foreach (var table in tables)
        {
            rows.AddRange(await db.QueryAsync<string>($"select row_to_json(t)::text from \"{table}\" t"));
        }
        var decrypted = (await db.QueryAsync<string>(
                "select traveler_protected from trip_requests where traveler_protected is not null "
                + "union all select companions_protected from trip_requests where companions_protected is not null "
                + "union all select protected from travelers"))
            .Select(value => System.Text.Json.JsonSerializer.Serialize(pii.Unprotect<System.Text.Json.JsonElement>(value))).ToList();
        return (rows, decrypted);
    }
}
