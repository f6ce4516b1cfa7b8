using AutoBooking.Core.Trips;

namespace AutoBooking.IntegrationTests;

/// <summary>Travelers meet the offer's passenger ids in search order, and every infant sits on one adult's lap.</summary>
public class OrderPassengersTests
{
    private static Traveler Person(string name, int bornYear) =>
        new("ms", name, "Test", new DateOnly(bornYear, 1, 1), "f", "family@example.com", "+442080160508");

    [Fact]
    public void Assign_TwoAdultsTwoInfantsAndAChild_EachInfantOnADifferentAdult()
    {
        Traveler[] travelers = [Person("Ann", 1980), Person("Ben", 2026), Person("Cat", 1982), Person("Dan", 2026), Person("Eve", 2015)];

        var passengers = OrderPassengers.Assign(travelers, ["pas_a", "pas_b", "pas_c", "pas_d", "pas_e"],
            ["adult", "infant_without_seat", "adult", "infant_without_seat", "child"]);

        Assert.Equal(["pas_a", "pas_b", "pas_c", "pas_d", "pas_e"], passengers.Select(p => p.ProviderPassengerId));
        Assert.Equal(["Ann", "Ben", "Cat", "Dan", "Eve"], passengers.Select(p => p.GivenName));
        Assert.Equal(["pas_b", null, "pas_d", null, null], passengers.Select(p => p.InfantPassengerId));
    }

    [Fact]
    public void Assign_OfferStoredWithoutTypes_IsOneAdult()
    {
        var passenger = Assert.Single(OrderPassengers.Assign([Person("Ann", 1980)], ["pas_a"], []));

        Assert.Null(passenger.InfantPassengerId);
    }

    [Fact]
    public void Assign_MismatchedCountsOrMoreInfantsThanAdults_RefusesBeforeAnyOrder()
    {
        Assert.Throws<InvalidOperationException>(() => OrderPassengers.Assign([Person("Ann", 1980)], ["pas_a", "pas_b"], ["adult", "adult"]));
        Assert.Throws<InvalidOperationException>(() => OrderPassengers.Assign(
            [Person("Ann", 1980), Person("Ben", 2026), Person("Dan", 2026)], ["pas_a", "pas_b", "pas_d"],
            ["adult", "infant_without_seat", "infant_without_seat"]));
    }
}
