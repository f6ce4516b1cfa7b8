namespace AutoBooking.WebTestHost;

/// <summary>
/// One HTTP function as the worker reported it in its metadata: where the host routes it (<c>api/</c> + its route
/// template), for which methods, the name of its trigger binding, and the names of its <c>durableClient</c> bindings.
/// </summary>
public sealed record WorkerHttpFunction(string Name, string Route, IReadOnlyList<string> Methods, string TriggerBinding, IReadOnlyList<string> DurableClientBindings);
