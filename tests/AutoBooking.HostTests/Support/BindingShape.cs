namespace AutoBooking.HostTests.Support;

/// <summary>The part of a binding both the worker's metadata and <c>functions.metadata</c> must agree on.</summary>
public sealed record BindingShape(string Name, string Type, string Direction);
