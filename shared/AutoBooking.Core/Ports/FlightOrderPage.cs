namespace AutoBooking.Core.Ports;

/// <summary>One page of orders, oldest first; <see cref="After"/> is the cursor of the next page, or null on the last.</summary>
public sealed record FlightOrderPage(IReadOnlyList<FlightOrder> Orders, string? After);
