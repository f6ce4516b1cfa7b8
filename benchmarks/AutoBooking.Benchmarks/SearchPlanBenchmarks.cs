using AutoBooking.Core.Trips;
using BenchmarkDotNet.Attributes;

namespace AutoBooking.Benchmarks;

/// <summary>Choosing a check's search from the largest rotation a trip may have (144 combinations).</summary>
[MemoryDiagnoser]
public class SearchPlanBenchmarks
{
    private static readonly DateOnly Day = new(2027, 3, 1);

    [Benchmark]
    public PlannedSearch ForRoundLargestRotation() =>
        SearchPlan.ForRound(["LHR", "LGW"], ["JFK", "EWR"], Day, Day.AddDays(8), 137, new ReturnStay(7, 10));

    [Benchmark]
    public IReadOnlyList<Core.Ports.SearchPassenger> PassengerMixNineTravelers() =>
        PassengerMix.ForSearch(Enumerable.Range(0, 9).Select(i => new DateOnly(1960 + i * 8, 5, 1)), Day);
}
