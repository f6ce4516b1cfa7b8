namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A stored traveler profile; <see cref="Protected"/> is the encrypted <see cref="Core.Trips.Traveler"/>.</summary>
public sealed class TravelerRecord
{
    public Guid Id { get; init; }
    public string OwnerId { get; init; } = "";
    public string Protected { get; init; } = "";
    public string KeyVersion { get; init; } = "";
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
