using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

/// <summary>
/// The switches that prove the suite does not lean on the calendar or on the sandbox's unpinned fares: how unpinned
/// slices are priced (AB_TEST_FARES), pinned inbound slices, and the test calendar (AB_TEST_DAYS_AHEAD).
/// </summary>
public sealed class UnpinnedFaresTests : SandboxTest
{
    [Theory]
    [InlineData(null, "hashed")]
    [InlineData("", "hashed")]
    [InlineData("hashed", "hashed")]
    [InlineData("hashed:tuesday", "hashed:tuesday")]
    [InlineData(" LOWEST ", "lowest")]
    [InlineData("highest", "highest")]
    public void Parse_KnownModes_RoundTrip(string? text, string expected) =>
        Assert.Equal(expected, UnpinnedFares.Parse(text).ToString());

    [Theory]
    [InlineData("cheap")]
    [InlineData("lowest:salt")]
    [InlineData("random")]
    public void Parse_UnknownMode_SaysWhatIsAccepted(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => UnpinnedFares.Parse(text));
        Assert.Contains(UnpinnedFares.Variable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lowest")]
    [InlineData("highest")]
    public async Task ExtremeModes_PriceEveryUnpinnedSliceAlike_AndPinnedFaresStillWin(string mode)
    {
        var fare = mode == "lowest" ? UnpinnedFares.LowestFare : UnpinnedFares.HighestFare;
        Sandbox.Fares.Unpinned = UnpinnedFares.Parse(mode);

        Assert.Equal(fare, DuffelCalls.Total(await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(destination: "BOS"))));
        Assert.Equal(fare, DuffelCalls.Total(await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(date: TestCalendar.Iso(TestCalendar.Departure(40))))));

        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 321.00m);
        Assert.Equal(321.00m, DuffelCalls.Total(await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody())));
    }

    [Fact]
    public async Task Salt_GivesOtherHashedFares_TheSameSaltTheSameOnes()
    {
        var unsalted = await CheapestOnDaysAsync(UnpinnedFares.Hashed);
        var salted = await CheapestOnDaysAsync(UnpinnedFares.Parse("hashed:another-day"));

        Assert.NotEqual(unsalted, salted);
        Assert.Equal(salted, await CheapestOnDaysAsync(UnpinnedFares.Parse("hashed:another-day")));
    }

    [Fact]
    public async Task PinnedInbound_IsWhatTheReturnSliceCosts()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400.00m);
        Sandbox.Fares.SetFare("JFK", "LHR", TestCalendar.Departure(7), 250.00m);

        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.ReturnSearchBody(passengers: """[{"type":"adult"},{"age":7}]"""));

        // Each slice's adult fare for the adult, 75% of it for the child.
        Assert.Equal((400.00m + 250.00m) * 1.75m, DuffelCalls.Total(offer));
    }

    [Theory]
    [InlineData(null, TestCalendar.DefaultDaysAhead)]
    [InlineData("3", 3)]
    [InlineData(" 300 ", 300)]
    public void DaysAhead_FromTheVariable(string? text, int expected) => Assert.Equal(expected, TestCalendar.ReadDaysAhead(text));

    [Theory]
    [InlineData("2")]
    [InlineData("301")]
    [InlineData("-5")]
    [InlineData("thirty")]
    [InlineData("1e2")]
    public void DaysAhead_OutOfRange_FailsNamingTheVariable(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestCalendar.ReadDaysAhead(text));
        Assert.Contains(TestCalendar.Variable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "2026-12-07")]
    [InlineData("2026-12-07", "2026-12-07")]
    [InlineData("2026-12-06", "2026-12-06")]
    public void RunStarted_TodayOrYesterday(string? text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TestCalendar.ReadStarted(text, new DateOnly(2026, 12, 7)));

    [Theory]
    [InlineData("2026-12-05")]
    [InlineData("2026-12-08")]
    [InlineData("07/12/2026")]
    public void RunStarted_OtherDays_FailNamingTheVariable(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestCalendar.ReadStarted(text, new DateOnly(2026, 12, 7)));
        Assert.Contains(TestCalendar.StartedVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstDeparture_IsDaysAheadOfTheDayTheRunStarted() =>
        Assert.Equal(TestCalendar.Today.AddDays(TestCalendar.DaysAhead), TestCalendar.FirstDeparture);

    private async Task<decimal[]> CheapestOnDaysAsync(UnpinnedFares mode)
    {
        Sandbox.Fares.Unpinned = mode;
        var totals = new List<decimal>();
        foreach (var days in new[] { 0, 1, 2, 3 })
        {
            totals.Add(DuffelCalls.Total(await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(date: TestCalendar.Iso(TestCalendar.Departure(days))))));
        }
        return [.. totals];
    }
}
