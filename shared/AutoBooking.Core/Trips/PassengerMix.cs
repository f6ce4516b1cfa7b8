using AutoBooking.Core.Ports;

namespace AutoBooking.Core.Trips;

/// <summary>
/// Who flies, as a flight search needs it: each traveler's age on the day of the last flight (Duffel's rule).
/// Adults are 18 or older, infants under 2 (on an adult's lap), children in between.
/// </summary>
public static class PassengerMix
{
    public const int MaxPassengers = 9;

    public static int AgeOn(DateOnly bornOn, DateOnly day)
    {
        var age = day.Year - bornOn.Year;
        return bornOn.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>One search passenger per traveler, in the same order.</summary>
    public static IReadOnlyList<SearchPassenger> ForSearch(IEnumerable<DateOnly> birthDates, DateOnly finalDate) =>
        birthDates.Select(bornOn => AgeOn(bornOn, finalDate) is var age && age >= 18 ? SearchPassenger.Adult : new SearchPassenger(age)).ToList();

    /// <summary>Duffel's passenger type for a searched passenger: adult, child or infant_without_seat.</summary>
    public static string TypeOf(SearchPassenger passenger)
    {
        ArgumentNullException.ThrowIfNull(passenger);
        return passenger.IsAdult ? "adult" : passenger.IsInfant ? "infant_without_seat" : "child";
    }
}
