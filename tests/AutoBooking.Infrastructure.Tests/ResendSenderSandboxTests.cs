using System.Net;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>The production Resend sender through its resilience pipeline against the sandbox.</summary>
public sealed class ResendSenderSandboxTests : SandboxClientTest
{
    private static readonly EmailMessage Message = new("ada@example.com", "Booked: LHR to JFK", "Your ticket", "<p>Your ticket</p>");

    private int Posts => Sandbox.Ledger.RequestsTo("resend", "POST", "/emails").Count;

    [Fact]
    public async Task Send_RateLimitedOnce_WaitsRetryAfterAndSendsOneEmail()
    {
        Sandbox.Faults.FailNextEmails(1, ResendFault.RateLimited);

        var id = await Email.SendAsync(Message, "booking-confirmed/1", CancellationToken.None);

        var email = Assert.Single(Sandbox.Ledger.Emails);
        Assert.Equal((id, "booking-confirmed/1"), (email.Id, email.IdempotencyKey));
        Assert.Equal(2, Posts);
    }

    [Fact]
    public async Task Send_ServerErrorOnce_IsRetried()
    {
        Sandbox.Faults.FailNextEmails(1, ResendFault.ServerError);

        await Email.SendAsync(Message, "booking-confirmed/2", CancellationToken.None);

        Assert.Single(Sandbox.Ledger.Emails);
        Assert.Equal(2, Posts);
    }

    [Fact]
    public async Task Send_RateLimitedForLongerThanTheCap_ThrowsTooManyRequests()
    {
        Sandbox.Faults.RateLimitReset = TimeSpan.FromSeconds(60);
        Sandbox.Faults.FailNextEmails(1, ResendFault.RateLimited);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Email.SendAsync(Message, "booking-confirmed/3", CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Empty(Sandbox.Ledger.Emails);
        Assert.Equal(1, Posts);
    }

    [Fact]
    public async Task Send_SameKeyTwice_SendsOneEmail()
    {
        var first = await Email.SendAsync(Message, "booking-confirmed/4", CancellationToken.None);
        var second = await Email.SendAsync(Message, "booking-confirmed/4", CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(Sandbox.Ledger.Emails);
    }

    [Fact]
    public async Task Send_PersistentServerErrors_GiveUpAfterTheRetries()
    {
        Sandbox.Faults.FailNextEmails(10, ResendFault.ServerError);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Email.SendAsync(Message, "booking-confirmed/5", CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(4, Posts);
    }
}
