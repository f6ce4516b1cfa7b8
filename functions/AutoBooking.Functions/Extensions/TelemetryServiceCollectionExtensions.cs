using AutoBooking.Infrastructure.Telemetry;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace AutoBooking.Functions.Extensions;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Service name on every span and metric.</summary>
    public const string ServiceName = "autobooking-functions";

    private static readonly object UnresolvedRedisKey = new();

    /// <summary>
    /// OpenTelemetry traces and metrics: the <c>AutoBooking</c> ActivitySource (stages, queue sends, every saga activity)
    /// and meter, with Npgsql, HttpClient (Duffel, Stripe, Resend) and Redis spans. Exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is
    /// set (both may be). Call after <c>AddAutoBookingInfrastructure</c>; Program.cs adds the Functions worker defaults.
    /// </summary>
    public static OpenTelemetryBuilder AddAutoBookingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(AutoBookingTracing.SourceName).AddHttpClientInstrumentation().AddNpgsql()
                    // Registered under a key nothing is registered with: the instrumentation must not resolve (and so
                    // connect) the multiplexer when tracing starts; InstrumentRedisWhenConnected hands it over later.
                    .AddRedisInstrumentation(name: null, connection: null, serviceKey: UnresolvedRedisKey, configure: null);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AutoBookingMetrics.MeterName).AddHttpClientInstrumentation().AddNpgsqlInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (azureMonitor)
        {
            builder.UseAzureMonitorExporter();
        }
        InstrumentRedisWhenConnected(services);
        return builder;
    }

    /// <summary>
    /// The Redis instrumentation would resolve (and so connect) the multiplexer when tracing starts; Redis is connected
    /// lazily instead (the app starts without it), so the connection is handed to the instrumentation when first made.
    /// </summary>
    private static void InstrumentRedisWhenConnected(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IConnectionMultiplexer))?.ImplementationFactory;
        if (registered is null)
        {
            return;
        }
        services.Replace(ServiceDescriptor.Singleton<IConnectionMultiplexer>(sp =>
        {
            var connection = (IConnectionMultiplexer)registered(sp);
            sp.GetService<StackExchangeRedisInstrumentation>()?.AddConnection(connection);
            return connection;
        }));
    }
}
