namespace AutoBooking.Functions.Booking;

/// <summary>
/// The name a saga activity is scheduled and triggered by, when it is not the class's: a renamed activity keeps the
/// name sagas recorded in their history, because a saga in flight at a deploy replays that history against the new
/// code and a scheduled name that differs from the recorded one breaks the replay. Read by
/// <see cref="BookingTasks.NameOf"/>; the trigger in <see cref="BookingTriggers"/> uses the same constant.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecordedNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
