namespace AutoBooking.Core.Booking;

/// <summary>Where one run of the booking saga stands. Terminal: Succeeded, Failed, NeedsAttention.</summary>
public enum AttemptStatus
{
    Started,
    Authorized,
    Ordered,
    Captured,
    Succeeded,
    Failed,
    NeedsAttention,
}
