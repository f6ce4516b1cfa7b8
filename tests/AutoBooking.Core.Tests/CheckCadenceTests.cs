using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Tests;

public class CheckCadenceTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static TheoryData<string, double, decimal?, decimal?, int, int, double> Cases => new()
    {
        // name, days to departure, best price (limit 500), move, checks so far, budget, expected hours
        { "a month out, fare unknown", 30, null, null, 0, 1000, 1 },
        { "five months out", 150, null, null, 0, 1000, 4 },
        { "two months out", 60, null, null, 0, 1000, 2 },
        { "last week", 5, null, null, 0, 1000, 0.5 },
        { "last days", 2, null, null, 0, 1000, 0.25 },
        { "fare within 10% of the limit", 30, 540m, null, 0, 5000, 0.5 },
        { "fare within 10%, but the budget's pace is slower", 30, 540m, null, 0, 1000, 0.72 },
        { "fare 20% over", 30, 600m, null, 0, 1000, 1 },
        { "fare 60% over", 30, 800m, null, 0, 1000, 2 },
        { "fare three times the limit", 30, 1500m, null, 0, 1000, 3 },
        { "fares moving 8%", 30, 600m, 0.08m, 0, 5000, 0.5 },
        { "fares flat", 30, 600m, 0.001m, 0, 1000, 1.5 },
        { "close and moving near departure: floor", 2, 510m, -0.1m, 0, 1000, 1.0 / 6 },
        { "far, flat and dear", 200, 2000m, 0m, 0, 1000, 18 },
        { "so little budget left that its pace passes a day: ceiling", 30, null, null, 995, 1000, 24 },
        { "budget spread over the time left", 5, null, null, 990, 1000, 12 },
        { "budget spent", 30, 510m, 0.1m, 1000, 1000, 24 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Next_FollowsDepartureFarePaceAndBudget(string name, double days, decimal? best, decimal? move, int checks, int budget, double hours)
    {
        var next = CheckCadence.Next(new CadenceInput(Hour, TimeSpan.FromDays(days), best, 500m, move, checks, budget));

        Assert.True(Math.Abs((next - TimeSpan.FromHours(hours)).TotalSeconds) < 1, $"{name}: {next}");
    }
}
