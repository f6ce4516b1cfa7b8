namespace AutoBooking.Functions.Api;

/// <summary>A page of results, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
