using System.Text.Json;
using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Options;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace AutoBooking.Infrastructure.Queues;

/// <summary>
/// Sends stage messages to the Storage queues. Base64 encoding matches the Functions queue trigger's default,
/// and each message carries ids only.
/// </summary>
public sealed class StageQueues
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly QueueClient searchRequests;
    private readonly QueueClient bookingRequests;

    public StageQueues(IOptions<QueueOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var service = CreateService(options.Value.ConnectionString, clientOptions);
        searchRequests = service.GetQueueClient(options.Value.SearchRequests);
        bookingRequests = service.GetQueueClient(options.Value.BookingRequests);
    }

    public QueueClient SearchRequests => searchRequests;

    public QueueClient BookingRequests => bookingRequests;

    public Task EnqueueSearchAsync(SearchRequestMessage message, CancellationToken cancellationToken) =>
        SendAsync(searchRequests, message, cancellationToken);

    public Task EnqueueBookingAsync(BookingRequestMessage message, CancellationToken cancellationToken) =>
        SendAsync(bookingRequests, message, cancellationToken);

    public static T Deserialize<T>(string body) =>
        JsonSerializer.Deserialize<T>(body, Json) ?? throw new JsonException($"Empty {typeof(T).Name}.");

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Json);

    /// <summary>Creates the queues if missing (at start-up; cheap when they exist).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await searchRequests.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await bookingRequests.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A storage connection string (Azurite, tests), or the queue service URI in Azure, where the app's managed
    /// identity is used and no account key exists (the account has shared keys disabled).
    /// </summary>
    private static QueueServiceClient CreateService(string connection, QueueClientOptions clientOptions) =>
        Uri.TryCreate(connection, UriKind.Absolute, out var serviceUri) && serviceUri.Scheme == Uri.UriSchemeHttps
            ? new QueueServiceClient(serviceUri, new DefaultAzureCredential(), clientOptions)
            : new QueueServiceClient(connection, clientOptions);

    private static async Task SendAsync<T>(QueueClient queue, T message, CancellationToken cancellationToken)
    {
        await queue.SendMessageAsync(Serialize(message), cancellationToken);
    }
}
