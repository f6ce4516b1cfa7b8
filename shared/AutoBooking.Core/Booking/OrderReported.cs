namespace AutoBooking.Core.Booking;

/// <summary>
/// Duffel reported on an order of the attempt by webhook (<c>order.created</c> or <c>order.creation_failed</c>), raised
/// as an external event on the booking saga so that a reconciliation waiting for its next look-up looks at once.
/// </summary>
public sealed record OrderReported(string EventType)
{
    public const string EventName = "DuffelOrderReported";
}
