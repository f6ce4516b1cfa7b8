namespace AutoBooking.Core.Booking;

/// <summary>
/// The traveler authenticated the attempt's payment on-session (Stripe reported the PaymentIntent as held),
/// raised as an external event on the booking saga.
/// </summary>
public sealed record PaymentAuthenticated(string PaymentIntentId)
{
    public const string EventName = "PaymentAuthenticated";
}
