namespace AutoBooking.Sandbox.Duffel;

/// <summary>One entry of Duffel's <c>errors</c> array. <see cref="Pointer"/> is a JSON pointer into the request body.</summary>
internal sealed record DuffelError(string Type, string Code, string Title, string Message, string? Pointer = null);
