using System.Text.Json;

using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Operations;

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

    [LoggerMessage(EventId = Alerts.PoisonMessage.Id, Level = Alerts.PoisonMessage.Level, Message = Alerts.PoisonMessage.Message)]
    private static partial void LogPoison(ILogger logger, string queue, Guid? tripId);
}
