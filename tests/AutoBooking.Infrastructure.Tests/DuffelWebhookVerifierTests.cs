using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Infrastructure.Webhooks;
using Microsoft.Extensions.Options;

namespace AutoBooking.Infrastructure.Tests;

public sealed class DuffelWebhookVerifierTests
{
    private const string Secret = "duffel_webhook_secret_for_tests";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
    private static readonly Guid AttemptId = Guid.Parse("1f0c6a52-3f7e-4b4d-9d55-3c2f8e1a9b10");

    private readonly FakeClock clock = new(Now);

    private static readonly string OrderCreated = """
        {"id":"wev_0000A4n8bq0pFwH8Z2x6Yt","type":"order.created","live_mode":false,"api_version":"v2",
         "created_at":"2026-11-25T06:59:58.000000Z","idempotency_key":"ord_0000AEdGRhtp5AUUdJqMxo",
         "identity_organisation_id":"org_0000A3tQbpXwZ1","data":{"object":{"id":"ord_0000AEdGRhtp5AUUdJqMxo",
         "booking_reference":"RZPNX8","metadata":{"attempt_id":"ATTEMPT_ID"}}}}
        """.Replace("ATTEMPT_ID", AttemptId.ToString(), StringComparison.Ordinal);

    private DuffelWebhookVerifier Verifier(string? secret = Secret) =>
        new(Microsoft.Extensions.Options.Options.Create(new DuffelOptions { WebhookSecret = secret }), clock);

    [Fact]
    public void Verify_Valid_ReturnsTheTypedEvent()
    {
        var header = DuffelWebhookVerifier.SignatureFor(Secret, Now.AddSeconds(-2), OrderCreated);

        var result = Verifier().Verify(header, OrderCreated);

        Assert.True(result.IsVerified);
        Assert.Equal(WebhookVerificationStatus.Verified, result.Status);
        var webhook = result.Event!;
        Assert.Equal(("wev_0000A4n8bq0pFwH8Z2x6Yt", "order.created", DuffelWebhookEventKind.OrderCreated), (webhook.Id, webhook.Type, webhook.Kind));
        Assert.Equal("ord_0000AEdGRhtp5AUUdJqMxo", webhook.ObjectId);
        Assert.Equal(AttemptId, webhook.AttemptId);
        Assert.Equal("ord_0000AEdGRhtp5AUUdJqMxo", webhook.OrderId);
        Assert.False(webhook.LiveMode);
    }

    [Theory]
    [InlineData("""{"id":"aic_0000A5kChAnGe1","order_id":"ord_0000AEdGRhtp5AUUdJqMxo"}""", "ord_0000AEdGRhtp5AUUdJqMxo")]
    [InlineData("""{"id":"ord_0000AEdGRhtp5AUUdJqMxo","booking_reference":"RZPNX8"}""", "ord_0000AEdGRhtp5AUUdJqMxo")]
    [InlineData("""{"id":"ore_0000AhTmIq4hDn0WvJZmCa"}""", null)]
    public void Verify_ScheduleChange_NamesTheOrderWhetherTheObjectIsTheOrderOrTheChange(string obj, string? orderId)
    {
        var body = $$$"""{"id":"wev_0000A4n8bq0pFwH8Z2x6Yu","type":"order.airline_initiated_change_detected","live_mode":false,"data":{"object":{{{obj}}}}}""";

        var result = Verifier().Verify(DuffelWebhookVerifier.SignatureFor(Secret, Now, body), body);

        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(orderId, result.Event!.OrderId);
    }

    [Theory]
    [InlineData("order.creation_failed", DuffelWebhookEventKind.OrderCreationFailed)]
    [InlineData("order.airline_initiated_change_detected", DuffelWebhookEventKind.AirlineInitiatedChangeDetected)]
    [InlineData("order_cancellation.created", DuffelWebhookEventKind.OrderCancellationCreated)]
    [InlineData("order_cancellation.confirmed", DuffelWebhookEventKind.OrderCancellationConfirmed)]
    [InlineData("ping.triggered", DuffelWebhookEventKind.Ping)]
    [InlineData("order.updated", DuffelWebhookEventKind.Other)]
    public void Verify_EventTypes_MapToKinds(string type, DuffelWebhookEventKind kind)
    {
        var body = OrderCreated.Replace("order.created", type, StringComparison.Ordinal);

        var result = Verifier().Verify(DuffelWebhookVerifier.SignatureFor(Secret, Now, body), body);

        Assert.Equal((type, kind), (result.Event!.Type, result.Event.Kind));
    }

    [Fact]
    public void Verify_BodyChangedAfterSigning_IsInvalid()
    {
        var header = DuffelWebhookVerifier.SignatureFor(Secret, Now, OrderCreated);
        var tampered = OrderCreated.Replace("RZPNX8", "XXXXXX", StringComparison.Ordinal);

        var result = Verifier().Verify(header, tampered);

        Assert.Equal(WebhookVerificationStatus.InvalidSignature, result.Status);
        Assert.Null(result.Event);
    }

    [Fact]
    public void Verify_SignedWithAnotherSecret_IsInvalid()
    {
        var header = DuffelWebhookVerifier.SignatureFor("someone_elses_secret", Now, OrderCreated);

        Assert.Equal(WebhookVerificationStatus.InvalidSignature, Verifier().Verify(header, OrderCreated).Status);
    }

    [Fact]
    public void Verify_TimestampChangedToLookFresh_IsInvalid()
    {
        // A replay attacker can change t but cannot re-sign: the HMAC covers t.
        var old = DuffelWebhookVerifier.SignatureFor(Secret, Now.AddHours(-1), OrderCreated);
        var freshened = "t=" + Now.ToUnixTimeSeconds() + old[old.IndexOf(',', StringComparison.Ordinal)..];

        Assert.Equal(WebhookVerificationStatus.InvalidSignature, Verifier().Verify(freshened, OrderCreated).Status);
    }

    [Fact]
    public void Verify_ReplayedWithItsOldTimestamp_IsStale()
    {
        var header = DuffelWebhookVerifier.SignatureFor(Secret, Now.AddMinutes(-6), OrderCreated);

        Assert.Equal(WebhookVerificationStatus.Stale, Verifier().Verify(header, OrderCreated).Status);
    }

    [Fact]
    public void Verify_WithinTolerance_IsAccepted()
    {
        var header = DuffelWebhookVerifier.SignatureFor(Secret, Now.AddMinutes(-4), OrderCreated);

        Assert.True(Verifier().Verify(header, OrderCreated).IsVerified);
    }

    [Fact]
    public void Verify_FromTheFuture_IsStale()
    {
        var header = DuffelWebhookVerifier.SignatureFor(Secret, Now.AddMinutes(10), OrderCreated);

        Assert.Equal(WebhookVerificationStatus.Stale, Verifier().Verify(header, OrderCreated).Status);
    }

    [Theory]
    [InlineData("v1=abc")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1764054000")]
    [InlineData("t=1764054000,v1=zz")]
    [InlineData("t=1764054000,v1=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("garbage")]
    public void Verify_MalformedHeader_IsMalformed(string header)
    {
        Assert.Equal(WebhookVerificationStatus.MalformedSignature, Verifier().Verify(header, OrderCreated).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Verify_MissingHeader_IsMissing(string? header)
    {
        Assert.Equal(WebhookVerificationStatus.MissingSignature, Verifier().Verify(header, OrderCreated).Status);
    }

    [Fact]
    public void Verify_NoSecretConfigured_RejectsEverything()
    {
        var header = DuffelWebhookVerifier.SignatureFor(Secret, Now, OrderCreated);

        Assert.Equal(WebhookVerificationStatus.NotConfigured, Verifier(secret: null).Verify(header, OrderCreated).Status);
    }

    [Fact]
    public void Verify_SignedButNotAnEvent_IsMalformedPayload()
    {
        const string body = """{"hello":"world"}""";

        Assert.Equal(WebhookVerificationStatus.MalformedPayload, Verifier().Verify(DuffelWebhookVerifier.SignatureFor(Secret, Now, body), body).Status);
    }
}
