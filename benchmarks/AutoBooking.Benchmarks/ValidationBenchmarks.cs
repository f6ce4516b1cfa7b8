using AutoBooking.Functions.Trips;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace AutoBooking.Benchmarks;

/// <summary>Validating a full create-trip request (a family return with alternatives) once it is parsed.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private CreateTripRequest request = null!;

    [GlobalSetup]
    public void Setup()
    {
        const string json = """
            {
              "origin": "LHR", "additionalOrigins": ["LGW"], "destination": "JFK", "additionalDestinations": ["EWR"],
              "departureDate": "2027-03-01", "latestDepartureDate": "2027-03-07", "returnStay": { "minNights": 7, "maxNights": 9 },
              "maxPrice": { "amount": 2400.00, "currency": "GBP" }, "preferredAirlines": ["BA"], "excludedAirlines": ["XX"],
              "traveler": { "title": "ms", "givenName": "Ada", "familyName": "Lovelace", "bornOn": "1990-12-10",
                            "gender": "f", "email": "ada@example.com", "phone": "+442080160508" },
              "companions": [ { "title": "miss", "givenName": "Lucy", "familyName": "Lovelace", "bornOn": "2016-04-02",
                                "gender": "f", "email": "ada@example.com", "phone": "+442080160508" } ],
              "paymentMethod": { "stripeCustomerId": "cus_Test123", "stripePaymentMethodId": "pm_card_visa" },
              "autoBookConsent": { "termsVersion": "2026-11" }
            }
            """;
        request = JsonSerializer.Deserialize<CreateTripRequest>(json, JsonSerializerOptions.Web)!;
        if (Validate() != 0)
        {
            throw new InvalidOperationException("The benchmark request must be valid: it measures the full success path.");
        }
    }

    [Benchmark]
    public int Validate() => CreateTripValidator.Validate(request, "user-bench", Now).Errors.Count;
}
