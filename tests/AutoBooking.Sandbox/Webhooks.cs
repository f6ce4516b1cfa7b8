using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox;

/// <summary>
/// Signed webhooks from the sandbox, OFF until <see cref="Configure"/> names a receiver: Duffel events
/// (<c>order.created</c>, <c>order.creation_failed</c>, <c>order_cancellation.confirmed</c>,
/// <c>order.airline_initiated_change_detected</c>) signed with
/// <c>X-Duffel-Signature</c>, Stripe
/// events (<c>payment_intent.*</c>) signed with <c>Stripe-Signature</c>, both <c>t=&lt;unix&gt;,v1=&lt;hex
/// HMAC-SHA256 of "t.body"&gt;</c>. Delivered by a background worker at least once: a failed delivery is retried
/// with backoff behind newer events. Every attempt is in <see cref="Ledger.WebhookDeliveries"/>.
/// </summary>
public sealed class Webhooks : IAsyncDisposable
{
    /// <summary>Attempts per event before the sandbox gives up on it (recorded as undelivered).</summary>
    public const int MaxAttempts = 5;

    /// <summary>Stripe's API version stamped on events; verifiers must not insist on their own.</summary>
    public const string StripeApiVersion = "2025-09-30.clover";

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>();
    private readonly Ledger ledger;
    private readonly TimeProvider time;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource stopping = new();
    private readonly Task worker;
    private volatile Settings? settings;

    internal Webhooks(Ledger ledger, TimeProvider time)
    {
        this.ledger = ledger;
        this.time = time;
        worker = Task.Run(DeliverAsync);
    }

    /// <summary>First retry delay; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public bool Enabled => settings is not null;

    /// <summary>
    /// Sends events to <paramref name="receiver"/> from now on (a <c>{provider}</c> in it becomes duffel or stripe);
    /// a provider without a secret sends nothing.
    /// </summary>
    public void Configure(Uri receiver, string? duffelSecret, string? stripeSecret)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        settings = new Settings(receiver, duffelSecret, stripeSecret);
    }

    /// <summary>Stops sending (events already queued are dropped when they come up).</summary>
    public void Disable() => settings = null;

    /// <summary>
    /// Queues a Duffel event about <paramref name="obj"/>. Its idempotency_key is the object's id unless Duffel
    /// uses another (order.creation_failed has no order to name; a schedule change is keyed by the change).
    /// <paramref name="changes"/> goes beside the object as <c>data.changes</c>, as Duffel's schedule-change
    /// example shows it.
    /// </summary>
    internal void Duffel(string type, JsonObject obj, string? idempotencyKey = null, JsonObject? changes = null)
    {
        var current = settings;
        if (current?.DuffelSecret is null)
        {
            return;
        }
        var now = time.UtcNowToSecond();
        var id = Ids.Duffel("wev");
        var body = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["live_mode"] = false,
            ["api_version"] = "v2",
            ["created_at"] = Wire.Timestamp(now),
            ["idempotency_key"] = idempotencyKey ?? obj["id"]?.GetValue<string>(),
            ["identity_organisation_id"] = "org_0000ASandbox",
            ["data"] = new JsonObject { ["object"] = obj },
        };
        if (changes is not null)
        {
            body["data"]!["changes"] = changes;
        }
        queue.Writer.TryWrite(new Pending("duffel", id, type, Wire.Serialize(body), 1));
    }

    internal void Stripe(string type, JsonObject obj)
    {
        var current = settings;
        if (current?.StripeSecret is null)
        {
            return;
        }
        var id = Ids.Stripe("evt");
        var body = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = StripeApiVersion,
            ["created"] = time.UtcNowToSecond().ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = obj },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        };
        queue.Writer.TryWrite(new Pending("stripe", id, type, Wire.Serialize(body), 1));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        try
        {
            await worker;
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-delivery is how the worker ends.
        }
        http.Dispose();
        stopping.Dispose();
    }

    private async Task DeliverAsync()
    {
        await foreach (var pending in queue.Reader.ReadAllAsync(stopping.Token))
        {
            var current = settings;
            var secret = pending.Provider == "duffel" ? current?.DuffelSecret : current?.StripeSecret;
            if (current is null || secret is null)
            {
                continue;
            }
            int? status = null;
            try
            {
                // One receiver for both, or one per provider with a {provider} placeholder (duffel, stripe).
                var target = new Uri(current.Receiver.OriginalString.Replace("{provider}", pending.Provider, StringComparison.Ordinal));
                using var request = new HttpRequestMessage(HttpMethod.Post, target)
                {
                    Content = new StringContent(pending.Body, Encoding.UTF8, "application/json"),
                };
                request.Headers.TryAddWithoutValidation(pending.Provider == "duffel" ? "X-Duffel-Signature" : "Stripe-Signature",
                    Sign(secret, time.GetUtcNow(), pending.Body));
                using var response = await http.SendAsync(request, stopping.Token);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                // Receiver down: retried below like any failed delivery.
            }
            catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
            {
                // Receiver too slow: retried below.
            }
            var delivered = status is >= 200 and < 300;
            ledger.Record(new LedgerWebhookDelivery(pending.Provider, pending.EventId, pending.Type, pending.Attempt, status, delivered, time.UtcNowToSecond()));
            if (!delivered && pending.Attempt < MaxAttempts)
            {
                // Re-queued after a backoff, so newer events overtake it: out of order, as providers deliver.
                var delay = RetryDelay * Math.Pow(2, pending.Attempt - 1);
                _ = RequeueAsync(pending with { Attempt = pending.Attempt + 1 }, delay);
            }
        }
    }

    private async Task RequeueAsync(Pending pending, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, stopping.Token);
            queue.Writer.TryWrite(pending);
        }
        catch (OperationCanceledException)
        {
            // The sandbox stopped; undelivered events go with it.
        }
    }

    /// <summary><c>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>: the scheme both Duffel and Stripe use.</summary>
    internal static string Sign(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return "t=" + t + ",v1=" + Convert.ToHexStringLower(mac);
    }

    private sealed record Settings(Uri Receiver, string? DuffelSecret, string? StripeSecret);

    private sealed record Pending(string Provider, string EventId, string Type, string Body, int Attempt);
}
