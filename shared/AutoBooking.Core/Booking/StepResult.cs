namespace AutoBooking.Core.Booking;

/// <summary>An expected business outcome of a saga step: it went through, or it did not and here is why.</summary>
public sealed record StepResult(bool Succeeded, string? FailureCode)
{
    public static StepResult Ok { get; } = new(true, null);

    public static StepResult Fail(string failureCode) => new(false, failureCode);
}
