namespace AutoBooking.Core.Trips;

/// <summary>A return trip: the traveler stays between <see cref="MinNights"/> and <see cref="MaxNights"/> nights before flying back.</summary>
public sealed record ReturnStay(int MinNights, int MaxNights);
