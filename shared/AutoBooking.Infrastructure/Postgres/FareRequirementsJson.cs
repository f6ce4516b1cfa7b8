using System.Text.Json;
using AutoBooking.Core.Offers;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A trip's required fare conditions as trip_requests.fare_requirements stores them: {"refundable":{"maxPenalty":0},"changeable":null}.</summary>
public static class FareRequirementsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static FareRequirements? Read(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<FareRequirements>(json, Options) is { IsEmpty: false } requirements ? requirements : null;

    public static string? Write(FareRequirements? requirements) =>
        requirements is null || requirements.IsEmpty ? null : JsonSerializer.Serialize(requirements, Options);
}
