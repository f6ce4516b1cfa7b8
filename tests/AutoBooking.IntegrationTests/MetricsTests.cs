using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Telemetry;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.IntegrationTests;

/// <summary>The pipeline reports checks (shared or not) and how booking attempts end on the AutoBooking meter, without PII.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly ConcurrentDictionary<string, long> measured = new();
    private MeterListener listener = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        var factory = harness.Get<IMeterFactory>();
        listener = new MeterListener
        {
            // Only this harness's meter: other test classes run their own hosts at the same time.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AutoBookingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + "{" + string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")) + "}";
            measured.AddOrUpdate(key, value, (_, total) => total + value);
        });
        listener.Start();
        harness.PinFare("JFK", 420m);
        harness.PinFare("EWR", 600m);
    }

    public async Task DisposeAsync()
    {
        listener.Dispose();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task SharedAndOwnSearches_AndAttemptOutcomes_AreCounted()
    {
        await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-ada"));
        var buying = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), TestTokens.For("user-grace"));
        await harness.DrainSearchQueueAsync();
        await harness.DrainBookingQueueAsync();
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.WaitForBookingAsync(buying)).Kind);
        harness.Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.OfferNoLongerAvailable);
        var rejected = await harness.CreateTripIdAsync(TripBodies.Valid(destination: "EWR", maxPrice: 900m), TestTokens.For("user-alan"));
        Assert.Equal(BookingOutcomeKind.NotBooked, (await harness.RunBookingAsync(rejected)).Kind);

        Assert.Equal(2, measured.GetValueOrDefault("autobooking.searches{shared=False}"));
        Assert.Equal(1, measured.GetValueOrDefault("autobooking.searches{shared=True}"));
        Assert.Equal(1, measured.GetValueOrDefault("autobooking.booking_attempts.ended{outcome=booked,failure_code=none}"));
        Assert.Equal(1, measured.GetValueOrDefault($"autobooking.booking_attempts.ended{{outcome=not_booked,failure_code={FailureCodes.OrderRejected}}}"));
        // The booked trip used one provider search (the other trip's, shared): searches per booked trip.
        Assert.Equal(1, measured.GetValueOrDefault("autobooking.searches_per_booking{}"));
    }
}
