namespace AutoBooking.Core.Booking;

/// <summary>What a traveler is told when a booking attempt ends without a ticket, by failure code. No internals, no card data.</summary>
public static class FailureMessages
{
    /// <summary>The former name of <see cref="ForTraveler"/>, kept for callers written before one spelling.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static string ForTraveller(string failureCode) => ForTraveler(failureCode);

    public static string ForTraveler(string failureCode) => failureCode switch
    {
        FailureCodes.CardDeclined => "Your card was declined, so we could not hold the fare. Please add another card.",
        FailureCodes.AuthenticationRequired => "Your bank asked to confirm this payment with you, which we cannot do while you are away. Please add a card that allows it, or book with us while online.",
        FailureCodes.CaptureFailed => "We could not take the payment after reserving the seat, so we cancelled the reservation. Please check your card.",
        FailureCodes.HoldExpired => "The airline released the fare we were holding for you before it was paid, so nothing was charged. We keep watching for fares.",
        FailureCodes.IdentityDocumentsMissing => "The airline needs a valid passport for every traveler on this trip. Please add the missing passports (valid until after the return flight).",
        _ => "We could not complete the booking.",
    };
}
