namespace AutoBooking.Sandbox;

/// <summary>
/// A passenger of a flight search: the offer passenger id, the type the sandbox's airlines gave them (adult, child
/// or infant_without_seat) and the age the client searched with (null when it searched by type).
/// </summary>
public sealed record LedgerSearchPassenger(string Id, string Type, int? Age);
