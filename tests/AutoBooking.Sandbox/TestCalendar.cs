using System.Globalization;

namespace AutoBooking.Sandbox;

/// <summary>
/// The one place test trips' dates come from. A test run's first departure is <see cref="DaysAhead"/> days after the
/// day the run started (<see cref="Today"/>, UTC, read once per process), so a run that crosses midnight keeps the
/// dates it started with. <see cref="Variable"/> moves the whole suite to another distance from today (3 to 300 days;
/// 30 unless set), which is how the suite is proven not to depend on the date it runs on. <see cref="StartedVariable"/>
/// says the run started on an earlier day (yesterday at most): every test then sees what the tests after midnight of a
/// run that crossed it see (dates from the day before, the app and the database already on the next day).
/// </summary>
public static class TestCalendar
{
    public const string Variable = "AB_TEST_DAYS_AHEAD";

    public const int DefaultDaysAhead = 30;

    public const int MinDaysAhead = 3;

    public const int MaxDaysAhead = 300;

    public const string StartedVariable = "AB_TEST_RUN_STARTED";

    /// <summary>
    /// The UTC date the test run started on: the day the process started, or the earlier day <see cref="StartedVariable"/>
    /// names (yyyy-MM-dd; today or yesterday) to play a run that crossed midnight.
    /// </summary>
    public static DateOnly Today { get; } = ReadStarted(Environment.GetEnvironmentVariable(StartedVariable), DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>Days from <see cref="Today"/> to <see cref="FirstDeparture"/>.</summary>
    public static int DaysAhead { get; } = ReadDaysAhead(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The test trips' first departure date.</summary>
    public static DateOnly FirstDeparture { get; } = Today.AddDays(DaysAhead);

    /// <summary>A departure <paramref name="daysAfterFirst"/> days after <see cref="FirstDeparture"/>.</summary>
    public static DateOnly Departure(int daysAfterFirst = 0) => FirstDeparture.AddDays(daysAfterFirst);

    /// <summary>An ISO date (yyyy-MM-dd), as the API and the providers write dates.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ReadStarted(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return today;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started)
            || started > today || started < today.AddDays(-1))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{StartedVariable} is today or yesterday as yyyy-MM-dd ({Iso(today.AddDays(-1))} or {Iso(today)}), not '{text}'."));
        }
        return started;
    }

    public static int ReadDaysAhead(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultDaysAhead;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < MinDaysAhead or > MaxDaysAhead)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Variable} is a whole number of days from {MinDaysAhead} to {MaxDaysAhead}, not '{text}'."));
        }
        return days;
    }
}
