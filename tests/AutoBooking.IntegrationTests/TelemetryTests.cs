using System.Diagnostics;
using AutoBooking.Core.Booking;
using AutoBooking.Functions.Extensions;
using AutoBooking.Infrastructure.Telemetry;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Spans and metrics listen process-wide (ActivitySource and Meter names, not hosts), so this class runs alone:
/// no other test host may add spans or measurements while it counts.
/// </summary>
[CollectionDefinition(nameof(TelemetryRunsAlone), DisableParallelization = true)]
public sealed class TelemetryRunsAlone;

/// <summary>
/// The app's OpenTelemetry pipeline (<see cref="TelemetryServiceCollectionExtensions.AddAutoBookingTelemetry"/>), with an
/// in-memory exporter: one connected trace per booking, from the trip's creation through the queues, the search,
/// the booking start and every saga activity (with the provider HTTP calls and Npgsql inside it), and the DESIGN §9
/// metrics with their values.
/// </summary>
[Collection(nameof(TelemetryRunsAlone))]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly List<Activity> spans = [];
    private readonly List<Metric> metrics = [];

    public async Task InitializeAsync()
    {
        harness.ConfigureServices = services =>
        {
            services.AddAutoBookingTelemetry(new ConfigurationBuilder().Build())
                .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
                .WithMetrics(meters => meters.AddInMemoryExporter(metrics));
            // Redis commands are profiled and turned into spans on a timer (10 s by default): sooner here.
            services.Configure<OpenTelemetry.Instrumentation.StackExchangeRedis.StackExchangeRedisInstrumentationOptions>(
                o => o.FlushInterval = TimeSpan.FromMilliseconds(200));
        };
        await harness.InitializeAsync();
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task OneBooking_IsOneConnectedTrace_AndTheMetricsCountIt()
    {
        harness.PinFare("JFK", 450m);
        harness.PinFare("BOS", 400m);
        harness.PinFare("EWR", 600m);
        var booked = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), TestTokens.For("user-grace"));
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(booked)).Kind);
        var watching = await harness.CreateTripIdAsync(TripBodies.Valid(destination: "BOS", maxPrice: 100m), TestTokens.For("user-ada"));
        await harness.DrainSearchQueueAsync();
        await harness.CheckAgainAsync(watching);
        harness.Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.OfferNoLongerAvailable);
        var rejected = await harness.CreateTripIdAsync(TripBodies.Valid(destination: "EWR", maxPrice: 900m), TestTokens.For("user-alan"));
        Assert.Equal(BookingOutcomeKind.NotBooked, (await harness.RunBookingAsync(rejected)).Kind);
        Assert.True(harness.Get<TracerProvider>().ForceFlush());
        Assert.True(harness.Get<MeterProvider>().ForceFlush());

        var bookedTrace = AssertOneConnectedTrace(booked, await InstanceOfAsync(booked));
        var rejectedTrace = AssertOneConnectedTrace(rejected, await InstanceOfAsync(rejected));
        Assert.NotEqual(bookedTrace, rejectedTrace);
        var inBooking = spans.Where(s => s.TraceId == bookedTrace).ToList();
        Assert.Equal(
            ["saga AuthorizePaymentActivity", "saga CapturePaymentActivity", "saga CheckKillSwitchActivity", "saga CreateOrderActivity",
             "saga RecordBookingActivity", "saga RepriceOfferActivity"],
            inBooking.Where(s => s.DisplayName.StartsWith("saga ", StringComparison.Ordinal)).Select(s => s.DisplayName).Distinct().Order().ToArray());
        Assert.Contains(inBooking, s => s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client);
        Assert.Contains(inBooking, s => s.Source.Name == "Npgsql");
        // Redis (the shared provider budget every search and saga step spends) shows up as client spans too.
        await Eventually.TrueAsync(
            () => spans.ToArray().Any(s => s.Source.Name == "OpenTelemetry.Instrumentation.StackExchangeRedis"
                && s.Kind == ActivityKind.Client && (s.GetTagItem("db.system") ?? s.GetTagItem("db.system.name")) is "redis"),
            "a Redis client span");

        Assert.Equal(1, Sum("auto_booking_success_total"));
        Assert.Equal(1, Sum("auto_booking_failure_total", ("reason", FailureCodes.OrderRejected)));
        Assert.Equal(1, Sum("auto_booking_failure_total"));
        Assert.Equal(1, Sum("autobooking.booking_attempts.ended", ("outcome", "booked")));
        Assert.Equal((1, 1), Histogram("autobooking.searches_per_booking"));
        Assert.Equal((1, 1), Histogram("autobooking.sweep.trips"));
        Assert.Equal(1, Histogram("autobooking.sweep.duration").Count);
        Assert.True(Histogram("autobooking.provider.duration", ("provider", "duffel")).Count >= 6);
        Assert.True(Histogram("autobooking.provider.duration", ("provider", "stripe")).Count >= 2);
        Assert.Equal(1, Histogram("autobooking.provider.duration", ("provider", "resend")).Count);
        Assert.Equal(1, Sum("autobooking.provider.errors", ("provider", "duffel"), ("kind", "client_error")));
        Assert.Equal(1, Sum("autobooking.provider.errors"));
    }

    /// <summary>The trip's creation, searches, queue sends, booking start and saga activities share one trace id; returns it.</summary>
    private ActivityTraceId AssertOneConnectedTrace(Guid tripId, string instanceId)
    {
        var ofTrip = spans.Where(s => Equals(s.GetTagItem(AutoBookingTracing.TripIdTag), tripId)).ToList();
        Assert.Equal(["create trip", "search trip", "send " + harness.BookingQueue.Name, "send " + harness.SearchQueue.Name, "start booking"],
            ofTrip.Select(s => s.DisplayName).Order().ToArray());
        var saga = spans.Where(s => Equals(s.GetTagItem("durable.instance_id"), instanceId)).ToList();
        Assert.NotEmpty(saga);
        var traceId = Assert.Single(ofTrip.Concat(saga).Select(s => s.TraceId).Distinct());
        var create = Assert.Single(ofTrip, s => s.DisplayName == "create trip");
        Assert.Equal(default, create.ParentSpanId);
        return traceId;
    }

    private Task<string> InstanceOfAsync(Guid tripId) => new Db(harness.DatabaseConnectionString).ScalarAsync<string>(
        "select instance_id from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });

    /// <summary>A counter's total over the points carrying all the given tags.</summary>
    private long Sum(string name, params (string Key, object Value)[] tags)
    {
        long total = 0;
        foreach (ref readonly var point in Latest(name).GetMetricPoints())
        {
            if (HasTags(point, tags))
            {
                total += point.GetSumLong();
            }
        }
        return total;
    }

    /// <summary>A histogram's count and sum over the points carrying all the given tags.</summary>
    private (long Count, double Sum) Histogram(string name, params (string Key, object Value)[] tags)
    {
        (long Count, double Sum) total = (0, 0);
        foreach (ref readonly var point in Latest(name).GetMetricPoints())
        {
            if (HasTags(point, tags))
            {
                total = (total.Count + point.GetHistogramCount(), total.Sum + point.GetHistogramSum());
            }
        }
        return total;
    }

    private Metric Latest(string name) => metrics.Last(m => m.Name == name);

    private static bool HasTags(in MetricPoint point, (string Key, object Value)[] tags)
    {
        var found = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            found[tag.Key] = tag.Value;
        }
        return tags.All(t => found.TryGetValue(t.Key, out var value) && Equals(value, t.Value));
    }
}
