namespace AutoBooking.Functions.Http;

/// <summary>A trip as the frontend sees it: criteria, status, the progress stage and the booking if any. No PII.</summary>
public sealed record TripResponse(
    Guid Id,
    string Status,
    string Stage,
    string Origin,
    string Destination,
    DateOnly DepartureDate,
    string Cabin,
    int MaxConnections,
    MoneyResponse MaxPrice,
    DateTimeOffset? NextCheckAt,
    DateTimeOffset CreatedAt,
    BookingResponse? Booking);

public sealed record MoneyResponse(decimal Amount, string Currency);

public sealed record BookingResponse(
    Guid Id, string BookingReference, IReadOnlyList<string> TicketNumbers, MoneyResponse AmountPaid, string Status, DateTimeOffset BookedAt);
