using AutoBooking.Core.Ports;

namespace AutoBooking.Core.Booking;

/// <summary>
/// The attempt's hold order as the provider has it now: its <see cref="State"/>, its current <see cref="Total"/> (the
/// price to pay; it moves when the price guarantee lapsed), whether that price is within the traveler's limit and
/// differs from the attempt's amount, and, once paid, the confirmed order (booking reference and tickets).
/// </summary>
public sealed record HeldFareCheck(HeldFareState State, Money.Money? Total, bool WithinLimit, bool PriceMoved, OrderResult? Order);
