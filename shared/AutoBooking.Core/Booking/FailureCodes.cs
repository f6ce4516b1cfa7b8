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

    /// <summary>A step failed past its retries before anything could be held (an outage); the trip watches again.</summary>
    public const string StepFailed = "step_failed";

    /// <summary>Authorizing failed past its retries: Stripe may hold money under an intent whose id we never heard.</summary>
    public const string AuthorizationOutcomeUnknown = "authorization_outcome_unknown";

    /// <summary>Stripe refused the payment request itself (not the card): e.g. the saved card is gone. The traveler has to act.</summary>
    public const string PaymentFailed = "payment_failed";

    /// <summary>
    /// The offer requires identity documents a traveler does not have (none on file, a type the airline does not
    /// take, or expiring before the last flight). Found before any money moves; the trip watches for other offers.
    /// </summary>
    public const string IdentityDocumentsMissing = "identity_documents_missing";

    /// <summary>The held fare's payment deadline passed (or the airline released it) before it was paid: nothing was charged.</summary>
    public const string HoldExpired = "hold_expired";

    /// <summary>An unpaid hold could not be cancelled for sure. Nothing is charged (it lapses at its deadline); the reconciler retries.</summary>
    public const string HoldCancelFailed = "hold_cancel_failed";

    /// <summary>The trip's travelers were erased (or anonymised) before anything was bought: nobody to book for, nothing charged.</summary>
    public const string PersonalDataErased = "personal_data_erased";
}
