namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>A webhook as the receiver got it: the signature header of whichever provider sent it, and the raw body.</summary>
public sealed record ReceivedWebhook(string? DuffelSignature, string? StripeSignature, string Body);
