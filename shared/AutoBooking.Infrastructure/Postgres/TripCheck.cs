using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// One trip's check against a search result: its own selection, whether the provider search was made for another
/// trip (<see cref="Shared"/>), and the search and time of its next check.
/// </summary>
public sealed record TripCheck(
    Guid TripId, OfferSelection Selection, ProviderOffer? Chosen, bool Shared, string Currency, string NextSearchKey, int NextRound,
    DateTimeOffset NextCheckAt, string CorrelationId);
