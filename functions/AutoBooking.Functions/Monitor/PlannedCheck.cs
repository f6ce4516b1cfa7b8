using AutoBooking.Core.Ports;


namespace AutoBooking.Functions.Monitor;

/// <summary>The search one check of a trip makes: its key, its index in the trip's rotation, and the search itself.</summary>
public sealed record PlannedCheck(string Key, int Index, FlightSearch Search);
