namespace AutoBooking.Functions.Reconciliation;

/// <summary>Whether a settlement step is done for sure, and a short note (a status or an error type; never PII).</summary>
public sealed record StepDone(bool Ok, string? Note)
{
    public static StepDone Done(string? note) => new(true, note);

    public static StepDone Failed(string note) => new(false, note);
}
