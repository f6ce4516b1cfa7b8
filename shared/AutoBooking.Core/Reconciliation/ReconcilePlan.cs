using AutoBooking.Core.Trips;

namespace AutoBooking.Core.Reconciliation;

/// <summary>
/// What to do about one attempt: <see cref="Steps"/> in order, then end it with <see cref="Verdict"/>. For a
/// <see cref="ReconcileVerdict.NotBooked"/> verdict, <see cref="FailureCode"/> is recorded (unless the attempt has one
/// already) and the trip moves to <see cref="TripTo"/> (null: leave the trip alone, it is booked by another attempt).
/// </summary>
public sealed record ReconcilePlan(IReadOnlyList<ReconcileStep> Steps, ReconcileVerdict Verdict, string? FailureCode, TripStatus? TripTo)
{
    public static ReconcilePlan Wait { get; } = new([], ReconcileVerdict.Wait, null, null);

    public static ReconcilePlan Book(params ReconcileStep[] steps) => new(steps, ReconcileVerdict.Booked, null, TripStatus.Booked);

    public static ReconcilePlan NotBooked(string failureCode, TripStatus? tripTo, params ReconcileStep[] steps) =>
        new(steps, ReconcileVerdict.NotBooked, failureCode, tripTo);
}
