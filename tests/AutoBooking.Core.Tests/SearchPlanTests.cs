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
            Assert.Equal(("LHR", "JFK", Day), SearchPlan.ForRound(["LHR"], ["JFK"], Day, Day, round));
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

        Assert.Equal([("LHR", "JFK", Day), ("JFK", "LHR", Day)], combinations);
    }
}
