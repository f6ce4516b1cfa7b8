namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A create's outcome and the id of the resource it made or replayed (<see cref="Guid.Empty"/> otherwise).</summary>
public readonly record struct CreateOutcome(CreateStatus Status, Guid Id)
{
    public static CreateOutcome LimitReached => new(CreateStatus.LimitReached, Guid.Empty);

    public static CreateOutcome KeyReused => new(CreateStatus.KeyReused, Guid.Empty);

    public static CreateOutcome ErasureInProgress => new(CreateStatus.ErasureInProgress, Guid.Empty);
}
