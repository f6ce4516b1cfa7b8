using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Tests;

public class TripStageTests
{
    [Theory]
    [InlineData(TripStatus.Booking, false, "booking")]
    [InlineData(TripStatus.Booking, true, "confirm_payment")]
    [InlineData(TripStatus.Failed, false, "needs_you")]
    [InlineData(TripStatus.Booked, true, "booked")]
    public void For_BookingAwaitingPaymentConfirmation_IsConfirmPayment(TripStatus status, bool awaitingPaymentConfirmation, string expected) =>
        Assert.Equal(expected, TripStage.For(status, hasOffers: true, awaitingPaymentConfirmation));

    [Theory]
    [InlineData(TripStatus.Booking, false, "approve_fare")]
    [InlineData(TripStatus.Booking, true, "confirm_payment")]
    [InlineData(TripStatus.Watching, false, "watching_prices")]
    public void For_BookingAwaitingApproval_IsApproveFare(TripStatus status, bool awaitingPaymentConfirmation, string expected) =>
        Assert.Equal(expected, TripStage.For(status, hasOffers: true, awaitingPaymentConfirmation, awaitingApproval: true));
}
