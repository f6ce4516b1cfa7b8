using System.Text.Json;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.Extensions.Logging;

using AutoBooking.Functions.Pipeline;

namespace AutoBooking.Functions.Stages;

/// <summary>Records and alerts a stage message that failed every delivery. Messages carry ids only, so logging the trip id is safe.</summary>
public sealed partial class PoisonMessages(TripRepository trips, TimeProvider clock, ILogger<PoisonMessages> logger)
{
    public async Task RecordAsync(string queue, string message, CancellationToken cancellationToken)
    {
        var tripId = TryReadTripId(message);
        LogPoison(logger, queue, tripId);
        if (tripId is Guid id && await trips.GetAsync(id, cancellationToken) is not null)
        {
            await trips.RecordEventAsync(id, "poison_message", clock.GetUtcNow(), "pipeline", null, new { queue }, cancellationToken);
        }
    }

    private static Guid? TryReadTripId(string message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            return document.RootElement.TryGetProperty("tripId", out var tripId) && tripId.TryGetGuid(out var id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The alert rule keys on this event id, like the needs-attention alert.
    [LoggerMessage(EventId = 9002, Level = LogLevel.Critical, Message = "ALERT poison message on {Queue} for trip {TripId}")]
    private static partial void LogPoison(ILogger logger, string queue, Guid? tripId);
}
