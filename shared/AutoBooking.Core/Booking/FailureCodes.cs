namespace AutoBooking.Core.Booking;

/// <summary>Stable failure codes recorded on attempts and counted in metrics.</summary>
public static class FailureCodes
{
    public const string KillSwitch = "kill_switch";
    public const string OfferGone = "offer_gone";
    public const string ApprovalDeclined = "approval_declined";
    public const string ApprovalTimedOut = "approval_timed_out";
    public const string PriceAboveLimit = "price_above_limit";
    public const string CardDeclined = "card_declined";
    public const string AuthenticationRequired = "authentication_required";
    public const string OrderRejected = "order_rejected";
    public const string OrderOutcomeUnknown = "order_outcome_unknown";
    public const string CaptureFailed = "capture_failed";
    public const string RecordFailed = "record_failed";
    public const string CompensationFailed = "compensation_failed";
}
