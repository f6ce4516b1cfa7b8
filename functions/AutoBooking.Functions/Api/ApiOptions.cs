using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Functions.Api;

/// <summary>Limits of the traveler-facing API.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Each active trip costs provider searches, so one user may only watch this many at once.</summary>
    [Range(1, 1000)]
    public int MaxActiveTripsPerUser { get; set; } = 10;
}
