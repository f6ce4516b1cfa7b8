using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Security;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;

namespace AutoBooking.Benchmarks;

/// <summary>AES-GCM protection of traveler identities: once per trip created, once per check and per booking read.</summary>
[MemoryDiagnoser]
public class PiiBenchmarks
{
    private readonly PiiProtector pii = new(Options.Create(new PiiOptions
    {
        ActiveKeyVersion = "v1",
        Keys = new() { ["v1"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()) },
    }));

    private List<Traveler> party = [];
    private string protectedParty = "";

    [GlobalSetup]
    public void Setup()
    {
        party = Enumerable.Range(0, 8).Select(i => new Traveler("ms", $"Given{i}", "Family", new DateOnly(1980 + i * 5, 1, 1), "f",
            "family@example.com", "+442080160508", new IdentityDocument("passport", "123456789", "GB", new DateOnly(2031, 1, 1)))).ToList();
        protectedParty = pii.Protect(party);
    }

    [Benchmark]
    public string ProtectEightCompanions() => pii.Protect(party);

    [Benchmark]
    public List<Traveler> UnprotectEightCompanions() => pii.Unprotect<List<Traveler>>(protectedParty);
}
