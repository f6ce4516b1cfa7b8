using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Tests;

public class TripStatusMachineTests
{
    [Theory]
    [InlineData(TripStatus.Draft, TripStatus.Watching)]
    [InlineData(TripStatus.Watching, TripStatus.Booking)]
    [InlineData(TripStatus.Watching, TripStatus.Paused)]
    [InlineData(TripStatus.Paused, TripStatus.Watching)]
    [InlineData(TripStatus.Booking, TripStatus.Booked)]
    [InlineData(TripStatus.Booking, TripStatus.Watching)]
    [InlineData(TripStatus.Booking, TripStatus.Failed)]
    [InlineData(TripStatus.Failed, TripStatus.Watching)]
    [InlineData(TripStatus.Failed, TripStatus.Booked)]
    public void CanTransition_LegalMove_IsAllowed(TripStatus from, TripStatus to) =>
        Assert.True(TripStatusMachine.CanTransition(from, to));

    [Theory]
    [InlineData(TripStatus.Booked, TripStatus.Watching)]
    [InlineData(TripStatus.Booked, TripStatus.Booking)]
    [InlineData(TripStatus.Cancelled, TripStatus.Watching)]
    [InlineData(TripStatus.Paused, TripStatus.Booking)]
    [InlineData(TripStatus.Draft, TripStatus.Booking)]
    [InlineData(TripStatus.Watching, TripStatus.Booked)]
    [InlineData(TripStatus.Expired, TripStatus.Watching)]
    public void CanTransition_IllegalMove_IsRefused(TripStatus from, TripStatus to) =>
        Assert.False(TripStatusMachine.CanTransition(from, to));

    [Fact]
    public void TerminalStatuses_HaveNoWayOut()
    {
        foreach (var terminal in new[] { TripStatus.Booked, TripStatus.Cancelled, TripStatus.Expired })
        {
            foreach (var target in Enum.GetValues<TripStatus>())
            {
                Assert.False(TripStatusMachine.CanTransition(terminal, target), $"{terminal} -> {target}");
            }
        }
    }

    [Fact]
    public void DbSpelling_RoundTripsEveryStatus()
    {
        foreach (var status in Enum.GetValues<TripStatus>())
        {
            Assert.Equal(status, TripStatusMachine.FromDb(status.ToDb()));
        }
    }
}
