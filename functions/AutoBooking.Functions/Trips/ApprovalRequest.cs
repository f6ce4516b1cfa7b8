namespace AutoBooking.Functions.Trips;

/// <summary>Body of <c>POST /api/trips/{id}/approval</c>: buy the fare awaiting approval, or not.</summary>
public sealed record ApprovalRequest(bool? Approve);
