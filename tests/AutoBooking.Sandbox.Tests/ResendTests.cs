using System.Net;
using System.Net.Http.Headers;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

public sealed class ResendTests : SandboxTest
{
    private const string Email = """
        {"from":"AutoBooking <bookings@example.com>","to":["ada@example.com"],"subject":"Booked: ABC123",
         "html":"<p>Booked</p>","text":"Booked","tags":[{"name":"kind","value":"booking_confirmed"}]}
        """;

    [Fact]
    public async Task Send_ValidEmail_Returns200WithGuidIdAndRecordsIt()
    {
        using var resend = CreateResendClient();

        using var response = await SendAsync(resend, Email, "booking-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await Json.ReadAsync(response)).Str("id");
        Assert.True(Guid.TryParse(id, out _));
        var recorded = Assert.Single(Sandbox.Ledger.Emails);
        Assert.Equal(id, recorded.Id);
        Assert.Equal("AutoBooking <bookings@example.com>", recorded.From);
        Assert.Equal(["ada@example.com"], recorded.To);
        Assert.Equal("Booked: ABC123", recorded.Subject);
        Assert.Equal("<p>Booked</p>", recorded.Html);
        Assert.Equal("Booked", recorded.Text);
        Assert.Equal("booking-1", recorded.IdempotencyKey);
        Assert.Equal("booking_confirmed", recorded.Tags["kind"]);
    }

    [Fact]
    public async Task Send_SameKeySameBody_SameIdOneEmail()
    {
        using var resend = CreateResendClient();

        using var first = await SendAsync(resend, Email, "booking-2");
        using var second = await SendAsync(resend, Email, "booking-2");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await Json.ReadAsync(first)).Str("id"), (await Json.ReadAsync(second)).Str("id"));
        Assert.Single(Sandbox.Ledger.Emails);
    }

    [Fact]
    public async Task Send_SameKeyDifferentBody_409InvalidIdempotentRequest()
    {
        using var resend = CreateResendClient();
        using var first = await SendAsync(resend, Email, "booking-3");

        using var second = await SendAsync(resend, Email.Replace("ABC123", "XYZ789", StringComparison.Ordinal), "booking-3");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var error = await Json.ReadAsync(second);
        Assert.Equal(409, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("invalid_idempotent_request", error.Str("name"));
        Assert.Single(Sandbox.Ledger.Emails);
    }

    [Fact]
    public async Task Send_NoKey_EverySendIsAnEmail()
    {
        using var resend = CreateResendClient();

        using var first = await SendAsync(resend, Email, null);
        using var second = await SendAsync(resend, Email, null);

        Assert.Equal(2, Sandbox.Ledger.Emails.Count);
    }

    [Theory]
    [InlineData("\"to\":[\"ada@example.com\"],", "to")]
    [InlineData("\"from\":\"AutoBooking <bookings@example.com>\",", "from")]
    [InlineData("\"subject\":\"Booked: ABC123\",", "subject")]
    public async Task Send_MissingRequiredField_422ValidationError(string removed, string field)
    {
        using var resend = CreateResendClient();

        using var response = await SendAsync(resend, Email.Replace(removed, "", StringComparison.Ordinal), "invalid");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await Json.ReadAsync(response);
        Assert.Equal(422, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("validation_error", error.Str("name"));
        Assert.Contains(field, error.Str("message"), StringComparison.Ordinal);
        Assert.Empty(Sandbox.Ledger.Emails);
    }

    [Fact]
    public async Task Send_TagWithInvalidCharacters_422()
    {
        using var resend = CreateResendClient();

        using var response = await SendAsync(resend, Email.Replace("booking_confirmed", "ada@example.com", StringComparison.Ordinal), null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Send_WithoutApiKey_401MissingApiKey()
    {
        using var bare = CreateBareClient();

        using var response = await bare.PostAsync("resend/emails", Json.Body(Email));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await Json.ReadAsync(response);
        Assert.Equal(401, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("missing_api_key", error.Str("name"));
        Assert.Equal("Missing API key in the authorization header", error.Str("message"));
    }

    [Fact]
    public async Task Get_SentEmail_ReturnsIt()
    {
        using var resend = CreateResendClient();
        using var sent = await SendAsync(resend, Email, null);
        var id = (await Json.ReadAsync(sent)).Str("id");

        using var fetched = await resend.GetAsync($"emails/{id}");

        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var email = await Json.ReadAsync(fetched);
        Assert.Equal(("email", "Booked: ABC123"), (email.Str("object"), email.Str("subject")));
    }

    /// <summary>Configured as the production Resend client: base address with a trailing slash, bearer key.</summary>
    private HttpClient CreateResendClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(Sandbox.ResendBaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "re_test_sandbox");
        return http;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient resend, string body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "emails") { Content = Json.Body(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await resend.SendAsync(request);
    }
}
