using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Tests;

public class SearchPlanTests
{
    private static readonly DateOnly Day = new(2027, 1, 10);

    [Fact]
    public void ForRound_SingleRouteAndDate_AlwaysTheSameSearch()
    {
        for (var round = 0; round < 5; round++)
        {
            Assert.Equal(new PlannedSearch("LHR", "JFK", Day, null), SearchPlan.ForRound(["LHR"], ["JFK"], Day, Day, round));
        }
    }

    [Fact]
    public void ForRound_AirportsAndWindow_CoversEveryCombinationOncePerCycle()
    {
        string[] origins = ["LHR", "LGW"];
        string[] destinations = ["JFK", "EWR"];
        var combinations = SearchPlan.Combinations(origins, destinations, Day, Day.AddDays(2));

        var cycle = Enumerable.Range(0, combinations.Count).Select(r => SearchPlan.ForRound(origins, destinations, Day, Day.AddDays(2), r)).ToList();

        Assert.Equal(12, combinations.Count);
        Assert.Equal(combinations.ToHashSet(), cycle.ToHashSet());
        Assert.Equal(cycle[0], SearchPlan.ForRound(origins, destinations, Day, Day.AddDays(2), combinations.Count));
    }

    [Fact]
    public void Combinations_NeverPairAnAirportWithItself()
    {
        var combinations = SearchPlan.Combinations(["LHR", "JFK"], ["JFK", "LHR"], Day, Day);

        Assert.Equal([new PlannedSearch("LHR", "JFK", Day, null), new PlannedSearch("JFK", "LHR", Day, null)], combinations);
    }

    [Fact]
    public void Combinations_ReturnStay_AddsEveryStayLengthPerDepartureDay()
    {
        var combinations = SearchPlan.Combinations(["LHR"], ["JFK"], Day, Day.AddDays(1), new ReturnStay(7, 8));

        PlannedSearch[] expected =
        [
            new("LHR", "JFK", Day, Day.AddDays(7)), new("LHR", "JFK", Day, Day.AddDays(8)),
            new("LHR", "JFK", Day.AddDays(1), Day.AddDays(8)), new("LHR", "JFK", Day.AddDays(1), Day.AddDays(9)),
        ];
        Assert.Equal(expected, combinations);
        Assert.Equal(4, SearchPlan.Count(1, 1, Day, Day.AddDays(1), new ReturnStay(7, 8)));
        Assert.Equal(Day.AddDays(9), combinations[^1].FinalDate);
    }
}
