namespace AutoBooking.Core.Offers;

/// <summary>
/// The facts of one traveler's identity document that offer selection needs (never the number): its type
/// (<c>passport</c>, <c>identity_card</c>) and the day it expires. A traveler without a document has none.
/// </summary>
public sealed record TravelDocument(string Type, DateOnly ExpiresOn);
