namespace AutoBooking.Core.Booking;

/// <summary>The traveler's answer to "buy this fare?", raised as an external event on the booking saga.</summary>
public sealed record ApprovalDecision(bool Approved)
{
    public const string EventName = "TravelerApproval";
}
