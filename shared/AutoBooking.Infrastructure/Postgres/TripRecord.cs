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
    public string[] PreferredAirlines { get; init; } = [];
    public int? MaxDurationMinutes { get; init; }
    public int CheckedBags { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public bool ApprovalRequired { get; init; }
    public string[] AdditionalOrigins { get; init; } = [];
    public string[] AdditionalDestinations { get; init; } = [];
    public DateOnly? LatestDepartureDate { get; init; }
    public int SearchRound { get; init; }

    /// <summary>The search (key into <c>searches</c>) the trip's next check makes; null until its first check.</summary>
    public string? SearchKey { get; init; }

    /// <summary>Checks made so far (what its cadence spends its search budget against).</summary>
    public int ChecksMade { get; init; }

    /// <summary>The best overall price of its last check (read by the fan-out only; null elsewhere).</summary>
    public decimal? LastBestOverall { get; init; }

    /// <summary>The claim the trip is checked under (the sweep's, a search's or a search stage's run), if any.</summary>
    public Guid? ClaimToken { get; init; }

    /// <summary>The companions (travelers beside the lead one), encrypted as one list; null when the lead flies alone.</summary>
    public string? CompanionsProtected { get; init; }
    public int? ReturnMinNights { get; init; }
    public int? ReturnMaxNights { get; init; }

    public ReturnStay? ReturnStay => ReturnMinNights is int min && ReturnMaxNights is int max ? new ReturnStay(min, max) : null;

    /// <summary>The combination of check number <paramref name="index"/> in the trip's rotation.</summary>
    public PlannedSearch SearchAt(int index) => SearchPlan.ForRound(
        [Origin, .. AdditionalOrigins], [Destination, .. AdditionalDestinations], DepartureDate, LatestDepartureDate ?? DepartureDate, index,
        ReturnStay);

    /// <summary>Trips with the same rotation key rotate over the same combinations and share one anchor.</summary>
    public string RotationKey => Core.Trips.SearchKey.ForRotation(
        [Origin, .. AdditionalOrigins], [Destination, .. AdditionalDestinations], DepartureDate, LatestDepartureDate ?? DepartureDate, ReturnStay);

    public DateTimeOffset? AutoBookConsentAt { get; init; }

    /// <summary>
    /// When the trip's traveler PII was removed (erasure or retention): <see cref="TravelerProtected"/> and
    /// <see cref="CompanionsProtected"/> are null from then on; the financial records stay.
    /// </summary>
    public DateTimeOffset? PiiErasedAt { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public TripStatus TripStatus => TripStatusMachine.FromDb(Status);

    public Core.Money.Money MaxTotal => new(MaxTotalAmount, Currency);

    /// <summary>The travelers are gone (erased or anonymised): nobody to search or book for.</summary>
    public bool TravelersErased => PiiErasedAt is not null || string.IsNullOrEmpty(TravelerProtected);

    /// <summary>The fare conditions the trip requires (jsonb, <see cref="Core.Offers.FareRequirements"/>), null when none.</summary>
    public string? FareRequirements { get; init; }

    public Core.Offers.OfferFilters Filters => new(IncludedAirlines, ExcludedAirlines, MaxDurationMinutes, CheckedBags, PreferredAirlines,
        FareRequirementsJson.Read(FareRequirements));
}
