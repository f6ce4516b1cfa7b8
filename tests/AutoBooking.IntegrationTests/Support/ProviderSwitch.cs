using System.Net;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Duffel;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Process-level and whole-provider failures the sandbox's per-call faults cannot express: the worker dying at a
/// <see cref="CrashPoint"/> (the test's <see cref="OnCrash"/> terminates the orchestration there), and Duffel or Stripe
/// down for every call until switched back. Installed around the app's real ports by <see cref="Install"/>.
/// </summary>
public sealed class ProviderSwitch
{
    private int crash;

    public CrashPoint Crash
    {
        get => (CrashPoint)Volatile.Read(ref crash);
        set => Volatile.Write(ref crash, (int)value);
    }

    /// <summary>What the crash does before the step throws; typically terminates the running booking orchestration.</summary>
    public Func<Task>? OnCrash { get; set; }

    private volatile bool duffelDown;
    private volatile bool stripeDown;

    /// <summary>Every Duffel call fails (503) until switched back.</summary>
    public bool DuffelDown
    {
        get => duffelDown;
        set => duffelDown = value;
    }

    /// <summary>Every Stripe call fails (api_error) until switched back.</summary>
    public bool StripeDown
    {
        get => stripeDown;
        set => stripeDown = value;
    }

    /// <summary>Crashes that happened (each crash point fires once, then resets to <see cref="CrashPoint.None"/>).</summary>
    public int Crashes { get; private set; }

    public void Install(IServiceCollection services)
    {
        services.Decorate<IPaymentGateway>((real, _) => new SwitchedPaymentGateway(real, this));
        services.Decorate<IFlightProvider>((real, _) => new SwitchedFlightProvider(real, this));
    }

    /// <summary>
    /// Runs at every <see cref="CrashPoint"/> the saga passes, armed or not, before the crash check: for faults that
    /// begin at a given step (e.g. a database outage right after the capture).
    /// </summary>
    public Func<CrashPoint, Task>? AtPoint { get; set; }

    /// <summary>Fires the crash if <paramref name="point"/> is armed: runs <see cref="OnCrash"/>, then the step dies.</summary>
    internal async Task CrashIfAsync(CrashPoint point)
    {
        if (AtPoint is { } atPoint)
        {
            await atPoint(point);
        }
        if (Interlocked.CompareExchange(ref crash, (int)CrashPoint.None, (int)point) != (int)point)
        {
            return;
        }
        Crashes++;
        if (OnCrash is { } onCrash)
        {
            await onCrash();
        }
        throw new InvalidOperationException($"Simulated worker crash at {point}.");
    }

    internal void ThrowIfDuffelDown()
    {
        if (DuffelDown)
        {
            throw new DuffelApiException(HttpStatusCode.ServiceUnavailable, "service_unavailable", null, "Duffel is down (switched off by the test).");
        }
    }

    private int stripeFailures;

    /// <summary>
    /// The next <paramref name="count"/> Stripe calls (any operation) fail with a 503 api_error before reaching Stripe:
    /// a short outage, for the chaos runner until the sandbox has Stripe faults of its own.
    /// </summary>
    public void FailNextStripeCalls(int count) => Interlocked.Exchange(ref stripeFailures, count);

    /// <summary>Forgets every switch, crash point and pending failure.</summary>
    public void Reset()
    {
        Crash = CrashPoint.None;
        DuffelDown = false;
        StripeDown = false;
        Interlocked.Exchange(ref stripeFailures, 0);
    }

    internal void ThrowIfStripeDown()
    {
        if (StripeDown || Interlocked.Decrement(ref stripeFailures) >= 0)
        {
            throw new StripeException(HttpStatusCode.ServiceUnavailable, new StripeError { Type = "api_error" }, "Stripe is down (switched off by the test).");
        }
    }
}
