using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Infrastructure.Webhooks;

namespace AutoBooking.Infrastructure.Tests;

public sealed class StripeWebhookVerifierTests
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
    private static readonly Guid AttemptId = Guid.Parse("1f0c6a52-3f7e-4b4d-9d55-3c2f8e1a9b10");

    private readonly FakeClock clock = new(Now);

    private static readonly string Succeeded = StripeSignatures.PaymentIntentEvent("evt_1SucceededTest0000", "payment_intent.succeeded", AttemptId, Now.AddSeconds(-3));

    private StripeWebhookVerifier Verifier(string? secret = Secret) =>
        new(Microsoft.Extensions.Options.Options.Create(new StripeOptions { SecretKey = "sk_test_x", WebhookSecret = secret }), clock);

    [Fact]
    public void Verify_Valid_ReturnsTheTypedEvent()
    {
        var result = Verifier().Verify(StripeSignatures.Header(Secret, Now.AddSeconds(-2), Succeeded), Succeeded);

        Assert.True(result.IsVerified, result.Reason);
        var webhook = result.Event!;
        Assert.Equal(("evt_1SucceededTest0000", "payment_intent.succeeded"), (webhook.Id, webhook.Type));
        Assert.Equal("pi_3MtwBwLkdIwHu7ix28a3tqPa", webhook.ObjectId);
        Assert.Equal(AttemptId, webhook.AttemptId);
        Assert.Equal(Now.AddSeconds(-3), webhook.Created);
    }

    [Fact]
    public void Verify_Forged_IsInvalid()
    {
        var forged = Succeeded.Replace("43210", "1", StringComparison.Ordinal);

        var result = Verifier().Verify(StripeSignatures.Header(Secret, Now, Succeeded), forged);

        Assert.Equal(WebhookVerificationStatus.InvalidSignature, result.Status);
        Assert.Null(result.Event);
    }

    [Fact]
    public void Verify_OtherSecret_IsInvalid()
    {
        Assert.Equal(WebhookVerificationStatus.InvalidSignature,
            Verifier().Verify(StripeSignatures.Header("whsec_other", Now, Succeeded), Succeeded).Status);
    }

    [Fact]
    public void Verify_ReplayedWithItsOldTimestamp_IsStale()
    {
        var result = Verifier().Verify(StripeSignatures.Header(Secret, Now.AddMinutes(-6), Succeeded), Succeeded);

        Assert.Equal(WebhookVerificationStatus.Stale, result.Status);
    }

    [Fact]
    public void Verify_TimestampFreshenedWithoutResigning_IsInvalid()
    {
        var old = StripeSignatures.Header(Secret, Now.AddHours(-1), Succeeded);
        var freshened = "t=" + Now.ToUnixTimeSeconds() + old[old.IndexOf(',', StringComparison.Ordinal)..];

        Assert.False(Verifier().Verify(freshened, Succeeded).IsVerified);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=,v1=")]
    [InlineData("v1=deadbeef")]
    public void Verify_MalformedHeader_IsRejected(string header)
    {
        var result = Verifier().Verify(header, Succeeded);

        Assert.False(result.IsVerified);
        Assert.NotEqual(WebhookVerificationStatus.Verified, result.Status);
    }

    [Fact]
    public void Verify_MissingHeader_IsMissing()
    {
        Assert.Equal(WebhookVerificationStatus.MissingSignature, Verifier().Verify(null, Succeeded).Status);
    }

    [Fact]
    public void Verify_NoSecretConfigured_RejectsEverything()
    {
        Assert.Equal(WebhookVerificationStatus.NotConfigured,
            Verifier(secret: null).Verify(StripeSignatures.Header(Secret, Now, Succeeded), Succeeded).Status);
    }
}
