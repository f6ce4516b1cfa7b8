using AutoBooking.Core.Trips;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A trip request row. The traveler stays protected until an activity that needs it unprotects it.</summary>
public sealed class TripRecord
{
    public Guid Id { get; init; }
    public string OwnerId { get; init; } = "";
    public string Status { get; init; } = "";
    public string Origin { get; init; } = "";
    public string Destination { get; init; } = "";
    public DateOnly DepartureDate { get; init; }
    public string Cabin { get; init; } = "";
    public int MaxConnections { get; init; }
    public decimal MaxTotalAmount { get; init; }
    public string Currency { get; init; } = "";
    public string TravelerProtected { get; init; } = "";
    public string StripeCustomerId { get; init; } = "";
    public string StripePaymentMethodId { get; init; } = "";
    public DateTimeOffset? NextCheckAt { get; init; }
    public string? AutoBookConsentTerms { get; init; }
    public string[] IncludedAirlines { get; init; } = [];
    public string[] ExcludedAirlines { get; init; } = [];
    public int? MaxDurationMinutes { get; init; }
    public int CheckedBags { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public bool ApprovalRequired { get; init; }
    public string[] AdditionalOrigins { get; init; } = [];
    public string[] AdditionalDestinations { get; init; } = [];
    public DateOnly? LatestDepartureDate { get; init; }
    public int SearchRound { get; init; }

    /// <summary>The search this check makes (rotating over airports and the departure window).</summary>
    public (string Origin, string Destination, DateOnly Date) NextSearch() => Core.Trips.SearchPlan.ForRound(
        [Origin, .. AdditionalOrigins], [Destination, .. AdditionalDestinations], DepartureDate, LatestDepartureDate ?? DepartureDate, SearchRound);
    public DateTimeOffset? AutoBookConsentAt { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public TripStatus TripStatus => TripStatusMachine.FromDb(Status);

    public Core.Money.Money MaxTotal => new(MaxTotalAmount, Currency);

    public Core.Offers.OfferFilters Filters => new(IncludedAirlines, ExcludedAirlines, MaxDurationMinutes, CheckedBags);
}
