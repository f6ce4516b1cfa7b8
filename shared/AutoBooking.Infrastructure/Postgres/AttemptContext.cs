namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Everything a saga activity needs about its attempt, loaded in one go.</summary>
public sealed record AttemptContext(AttemptRecord Attempt, TripRecord Trip, OfferRecord Offer);
