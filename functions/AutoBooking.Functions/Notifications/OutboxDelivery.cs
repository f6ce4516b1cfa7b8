namespace AutoBooking.Functions.Notifications;

/// <summary>What one outbox pass did: emails accepted, left for a retry, given up (alerted), skipped; overdue alerts raised.</summary>
public sealed record OutboxDelivery(int Sent, int Retrying, int Dead, int Skipped, int Overdue)
{
    public static OutboxDelivery None { get; } = new(0, 0, 0, 0, 0);

    public OutboxDelivery Add(OutboxDelivery other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Sent + other.Sent, Retrying + other.Retrying, Dead + other.Dead, Skipped + other.Skipped, Overdue + other.Overdue);
    }
}
