namespace AutoBooking.Core.Booking;

/// <summary>Where one run of the booking saga stands. Terminal: Succeeded, Failed, NeedsAttention.</summary>
public enum AttemptStatus
{
    Started,

    /// <summary>The card needs the traveler's authentication (3-D Secure) on-session; the saga waits for it.</summary>
    AwaitingAuthentication,
    Authorized,
    Ordered,
    Captured,
    Succeeded,
    Failed,
    NeedsAttention,
}
