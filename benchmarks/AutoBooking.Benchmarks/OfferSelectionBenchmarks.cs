using AutoBooking.Core.Money;
using AutoBooking.Core.Offers;
using BenchmarkDotNet.Attributes;

namespace AutoBooking.Benchmarks;

/// <summary>One search's offer selection: filters, preferred-airline ranking and the explanation, over many offers.</summary>
[MemoryDiagnoser]
public class OfferSelectionBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Airlines = ["BA", "AA", "VS", "LH", "AF", "KL", "UA", "DL"];
    private OfferCandidate[] offers = [];
    private SelectionCriteria criteria = null!;

    /// <summary>Offers in one search: Duffel typically returns tens to a few hundred.</summary>
    [Params(50, 500)]
    public int Offers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        offers = Enumerable.Range(0, Offers).Select(i => new OfferCandidate(
            $"off_{i:D6}", new Money(200m + random.Next(0, 80_000) / 100m, "GBP"), Now.AddMinutes(random.Next(-5, 60)),
            random.Next(0, 3), TimeSpan.FromMinutes(random.Next(400, 1400)),
            [Airlines[random.Next(Airlines.Length)], Airlines[random.Next(Airlines.Length)]], random.Next(0, 3))).ToArray();
        criteria = new SelectionCriteria(new Money(600m, "GBP"), 1, TimeSpan.FromMinutes(5),
            new OfferFilters([], ["LH"], 1200, 1, ["BA", "VS"]));
    }

    [Benchmark]
    public OfferSelection Select() => OfferSelector.Select(offers, criteria, Now);
}
