namespace AutoBooking.Core.Reconciliation;

/// <summary>Where an attempt ends once a plan's steps all succeeded.</summary>
public enum ReconcileVerdict
{
    /// <summary>Ticketed and paid: the attempt succeeds and the trip is booked.</summary>
    Booked,

    /// <summary>No ticket and no money kept: the attempt fails (the plan says where the trip goes).</summary>
    NotBooked,

    /// <summary>The facts do not allow a safe decision yet: keep the attempt flagged for the next pass or an operator.</summary>
    Wait,
}
