using System.Net;
using System.Text.Json;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Tests.Support;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>The production Resend sender against responses in Resend's documented shapes.</summary>
public sealed class ResendContractTests : ContractTest
{
    private static readonly EmailMessage Message = new("ada@example.com", "Booked: LHR to JFK (ref RZPNX8)", "Your ticket", "<p>Your ticket</p>");

    [Fact]
    public async Task Send_PostsTheEmailWithTheIdempotencyKey()
    {
        Resend.Expect(HttpMethod.Post, "/emails", HttpStatusCode.OK, "resend/email_sent.json");

        var id = await Email.SendAsync(Message, "booking-confirmed/6f1c1c52", CancellationToken.None);

        var request = Assert.Single(Resend.Requests);
        Assert.Equal("Bearer " + ContractServices.ResendKey, request.Header("Authorization"));
        Assert.Equal("booking-confirmed/6f1c1c52", request.Header("Idempotency-Key"));
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("AutoBooking <bookings@autobooking.example>", body.GetProperty("from").GetString());
        Assert.Equal("ada@example.com", body.GetProperty("to")[0].GetString());
        Assert.Equal(Message.Subject, body.GetProperty("subject").GetString());
        Assert.Equal(Message.Html, body.GetProperty("html").GetString());
        Assert.Equal(Message.Text, body.GetProperty("text").GetString());
        Assert.Equal("49a3999c-0ce1-4ea6-ab68-afcd6dc2e794", id);
    }

    [Fact]
    public async Task Send_RateLimited_RetriesTheSameRequestAfterRetryAfter()
    {
        Resend.Expect(HttpMethod.Post, "/emails", HttpStatusCode.TooManyRequests, "resend/error_rate_limit_exceeded.json", ("retry-after", "1"))
            .Expect(HttpMethod.Post, "/emails", HttpStatusCode.OK, "resend/email_sent.json");

        await Email.SendAsync(Message, "booking-confirmed/6f1c1c52", CancellationToken.None);

        Assert.Equal(2, Resend.Requests.Count);
        Assert.All(Resend.Requests, r => Assert.Equal("booking-confirmed/6f1c1c52", r.Header("Idempotency-Key")));
        Assert.Equal(Resend.Requests[0].Body, Resend.Requests[1].Body);
    }

    [Fact]
    public async Task Send_ValidationError_ThrowsWithoutRetrying()
    {
        Resend.Expect(HttpMethod.Post, "/emails", HttpStatusCode.UnprocessableEntity, "resend/error_validation.json");

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Email.SendAsync(Message, "k", CancellationToken.None));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Contains("validation_error", ex.Message, StringComparison.Ordinal);
        Assert.Single(Resend.Requests);
    }
}
