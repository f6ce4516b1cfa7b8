using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;

namespace AutoBooking.Infrastructure.Resend;

/// <summary>
/// Resend's REST API (POST /emails with an Idempotency-Key header). The official <c>Resend</c> NuGet package
/// is not available from the package mirror this project builds against, so this small typed client speaks
/// the same wire format; it is the only hand-written provider client that could be a library. Rate limits
/// (429 with retry-after) and 5xx are retried by the HttpClient's resilience pipeline, which is safe because
/// every send carries an idempotency key.
/// </summary>
public sealed class ResendEmailSender(HttpClient http, IOptions<ResendOptions> options) : INotificationSender
{
    public const string HttpClientName = "resend";

    public async Task<string> SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, "emails")
        {
            Content = JsonContent.Create(new SendEmailRequest(options.Value.From, [message.To], message.Subject, message.Html, message.Text)),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        // The resilience pipeline already retried 429 (after retry-after) and 5xx; what is left is final.
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            ResendError? error;
            try
            {
                error = await response.Content.ReadFromJsonAsync<ResendError>(cancellationToken);
            }
            catch (JsonException)
            {
                error = null;
            }
            throw new HttpRequestException(
                $"Resend answered {(int)response.StatusCode} ({error?.Name ?? "no error name"}).", null, response.StatusCode);
        }
        var sent = await response.Content.ReadFromJsonAsync<SendEmailResponse>(cancellationToken);
        return sent?.Id ?? throw new HttpRequestException("Resend accepted the email without an id.");
    }

    private sealed record SendEmailRequest(
        [property: JsonPropertyName("from")] string From,
        [property: JsonPropertyName("to")] string[] To,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("html")] string Html,
        [property: JsonPropertyName("text")] string Text);

    private sealed record SendEmailResponse([property: JsonPropertyName("id")] string? Id);

    private sealed record ResendError(
        [property: JsonPropertyName("statusCode")] int? StatusCode,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("message")] string? Message);
}
