using AutoBooking.Core.Ports;
using AutoBooking.Core.Reconciliation;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// The providers' truth about one attempt, as read by <see cref="ProviderTruth"/>: the hold (and the PaymentIntent's own
/// status word), the order (and the order itself when one exists), and our own booking facts. <see cref="FoundPaymentIntentId"/>
/// is a PaymentIntent found at Stripe by the attempt's metadata when the attempt had none on record.
/// </summary>
public sealed record AttemptFacts(HoldState Hold, string? IntentStatus, OrderState Order, FlightOrder? FlightOrder, bool BookingRecorded, bool TripTaken)
{
    public string? FoundPaymentIntentId { get; init; }

    public ReconcileFacts ForPolicy => new(Hold, Order, BookingRecorded, TripTaken);
}
