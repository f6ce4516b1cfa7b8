
namespace AutoBooking.Functions.BookingStart;

/// <summary>What one booking-requests message led to.</summary>
public enum StartOutcome
{
    /// <summary>A booking orchestration was scheduled.</summary>
    Started,

    /// <summary>This trip's attempt was already running: the message was a duplicate, nothing new started.</summary>
    AlreadyRunning,

    /// <summary>The trip is not watching (or not found), or the pipeline is off: nothing to do.</summary>
    Ignored,

    /// <summary>Another instance holds the trip's start lock right now; it is handling the same trip.</summary>
    Busy,
}
