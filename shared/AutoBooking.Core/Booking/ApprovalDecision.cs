namespace AutoBooking.Core.Booking;

/// <summary>The traveler's answer to "buy this fare?", raised as an external event on the booking saga.</summary>
public sealed record ApprovalDecision(bool Approved)
{
    /// <summary>
    /// The event's name, recorded in the history of every saga waiting for an answer, so it keeps its first spelling
    /// (a saga in flight at a deploy must still receive it).
    /// </summary>
    public const string EventName = "TravellerApproval";
}
