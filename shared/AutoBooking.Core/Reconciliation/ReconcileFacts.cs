namespace AutoBooking.Core.Reconciliation;

/// <summary>
/// The providers' truth about one attempt, and ours: <see cref="BookingRecorded"/> when the attempt's booking is stored
/// already; <see cref="TripBookedElsewhere"/> when the trip has a booking from another attempt (at most one per trip).
/// </summary>
public sealed record ReconcileFacts(HoldState Hold, OrderState Order, bool BookingRecorded, bool TripBookedElsewhere);
