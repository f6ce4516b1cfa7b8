namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>A webhook as the receiver got it: the signature header of whichever provider sent it, the raw body, and the path it was posted to.</summary>
public sealed record ReceivedWebhook(string? DuffelSignature, string? StripeSignature, string Body, string Path = "");
