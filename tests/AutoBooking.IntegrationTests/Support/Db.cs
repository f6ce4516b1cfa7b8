using Dapper;
using Npgsql;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>Direct reads of the test database, for assertions on what was stored.</summary>
public sealed class Db(string connectionString)
{
    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public async Task<T> QuerySingleAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>Counts rows of every table we own: "nothing changed" checks compare two of these.</summary>
    public async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "trip_requests", "offers", "price_observations", "booking_attempts", "bookings", "trip_events", "travelers", "payment_methods", "stripe_customers", "webhook_events", "outbox_messages", "idempotency_keys" })
        {
            counts[table] = await ScalarAsync<long>($"select count(*) from {table}");
        }
        return counts;
    }
}
