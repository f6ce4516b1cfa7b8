using AutoBooking.Core.Ports;
using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Tests;

public class PassengerMixTests
{
    private static readonly DateOnly Flight = new(2027, 6, 15);

    [Theory]
    [InlineData("2009-06-15", 18)]
    [InlineData("2009-06-16", 17)]
    [InlineData("2025-06-16", 1)]
    [InlineData("2025-06-15", 2)]
    [InlineData("2024-02-29", 3)]
    public void AgeOn_CountsWholeYearsOnTheDay(string bornOn, int age) =>
        Assert.Equal(age, PassengerMix.AgeOn(DateOnly.Parse(bornOn, System.Globalization.CultureInfo.InvariantCulture), Flight));

    [Fact]
    public void ForSearch_AdultsChildrenAndInfants_InTravelerOrder()
    {
        var mix = PassengerMix.ForSearch([new DateOnly(1990, 1, 1), new DateOnly(2015, 3, 1), new DateOnly(2026, 9, 1)], Flight);

        Assert.Equal([SearchPassenger.Adult, new SearchPassenger(12), new SearchPassenger(0)], mix);
        Assert.Equal(["adult", "child", "infant_without_seat"], mix.Select(PassengerMix.TypeOf));
    }

    [Fact]
    public void ForSearch_ATeenagerWhoTurns18BeforeTheLastFlight_IsAnAdult()
    {
        var mix = PassengerMix.ForSearch([new DateOnly(2009, 6, 10)], Flight);

        Assert.True(Assert.Single(mix).IsAdult);
    }
}
