using System.Diagnostics;
using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>
/// Hold orders and their payment through the production Duffel client and its resilience pipeline, against the
/// sandbox: AA's offers can be held, BA's cannot; a payment is posted exactly once whatever goes wrong (issue 20).
/// </summary>
public sealed class DuffelClientHoldSandboxTests : SandboxClientTest
{
    private int PaymentPosts() => Sandbox.Ledger.RequestsTo("duffel", "POST", "/air/payments").Count;

    private async Task<ProviderOffer> OfferOfAsync(string carrier)
    {
        var result = await Flights.SearchAsync(LondonToNewYork(), CancellationToken.None);
        return result.Offers.Single(o => o.Candidate.Carriers.SequenceEqual([carrier]));
    }

    /// <summary>Holds AA's LHR→JFK offer, pinned at 400.00 (AA's costs 448.00), for a new attempt.</summary>
    private async Task<OrderResult> HoldAsync()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400m);
        var hold = await Flights.CreateHoldOrderAsync(OrderFor(await OfferOfAsync("AA"), Guid.NewGuid()), CancellationToken.None);
        Assert.Equal(OrderStatus.Confirmed, hold.Status);
        return hold;
    }

    private static readonly Money HeldTotal = new(448.00m, "GBP");

    [Fact]
    public async Task CreateHoldOrder_HoldableOffer_IsConfirmedWithoutTicketsAndAwaitsPayment()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400m);
        var offer = await OfferOfAsync("AA");
        Assert.True(offer.Candidate.TermsOrUnknown.Payment.CanBeHeld);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var hold = await Flights.CreateHoldOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(OrderStatus.Confirmed, hold.Status);
        Assert.Matches("^[A-Z0-9]{6}$", hold.BookingReference);
        Assert.Empty(hold.TicketNumbers);
        Assert.Equal(HeldTotal, hold.Total);
        Assert.InRange(hold.PaymentRequiredBy!.Value, before.AddHours(72), DateTimeOffset.UtcNow.AddHours(72));
        Assert.Equal(hold.PaymentRequiredBy - TimeSpan.FromHours(48), hold.PriceGuaranteeExpiresAt);
        var order = await Flights.GetOrderAsync(hold.ProviderOrderId!, CancellationToken.None);
        Assert.NotNull(order);
        Assert.Equal((true, hold.PaymentRequiredBy, false), (order.AwaitingPayment, order.PaymentRequiredBy, order.IsCancelled));
        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.Equal(("hold", true), (recorded.Type, recorded.AwaitingPayment));
        Assert.Equal("Lovelace", recorded.Passengers[0].FamilyName);
    }

    [Fact]
    public async Task CreateHoldOrder_OfferRequiringInstantPayment_IsRejectedAndHoldsNothing()
    {
        var offer = await OfferOfAsync("BA");

        var hold = await Flights.CreateHoldOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal((OrderStatus.Rejected, "validation_format"), (hold.Status, hold.FailureCode));
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task CreateHoldOrder_ServerError_IsAmbiguousAndPostedExactlyOnce()
    {
        var offer = await OfferOfAsync("AA");
        Sandbox.Faults.FailNextOrderCreation(3, DuffelFault.ServerError);

        var hold = await Flights.CreateHoldOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal((OrderStatus.Ambiguous, "http_500"), (hold.Status, hold.FailureCode));
        Assert.Equal(2, Sandbox.Faults.PendingOrderCreationFaults);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task PayHold_AtItsTotal_IsPaidWithTheTickets()
    {
        var hold = await HoldAsync();

        var paid = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);

        Assert.Equal(HoldPaymentStatus.Paid, paid.Status);
        var ticket = Assert.Single(paid.TicketNumbers);
        Assert.Matches(@"^001-\d{10}$", ticket);
        Assert.NotNull(paid.ProviderRequestId);
        var order = await Flights.GetOrderAsync(hold.ProviderOrderId!, CancellationToken.None);
        Assert.Equal((false, (DateTimeOffset?)null), (order!.AwaitingPayment, order.PaymentRequiredBy));
        Assert.Equal([ticket], order.TicketNumbers);
        var payment = Assert.Single(Sandbox.Ledger.OrderPayments);
        Assert.Equal((hold.ProviderOrderId, 448.00m, "GBP", "balance"), (payment.OrderId, payment.Amount, payment.Currency, payment.Type));
    }

    [Fact]
    public async Task PayHold_AfterTheAirlineRepricedIt_IsPriceChangedWithTheCurrentTotal_ThenPaysAtIt()
    {
        var hold = await HoldAsync();
        Sandbox.Airline.RepriceHold(hold.ProviderOrderId!, 471.25m);

        var stale = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);
        var current = await Flights.PayHoldAsync(hold.ProviderOrderId!, stale.CurrentTotal!.Value, CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.PriceChanged, "price_changed"), (stale.Status, stale.FailureCode));
        Assert.Equal(new Money(471.25m, "GBP"), stale.CurrentTotal);
        Assert.Equal(HoldPaymentStatus.Paid, current.Status);
        Assert.Equal(471.25m, Assert.Single(Sandbox.Ledger.OrderPayments).Amount);
    }

    [Fact]
    public async Task PayHold_Twice_SecondIsRejectedAlreadyPaid()
    {
        var hold = await HoldAsync();
        await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);

        var again = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.Rejected, "already_paid"), (again.Status, again.FailureCode));
        Assert.Single(Sandbox.Ledger.OrderPayments);
    }

    [Fact]
    public async Task PayHold_InstantOrder_IsRejected()
    {
        var (order, _) = await BookAsync();

        var paid = await Flights.PayHoldAsync(order.ProviderOrderId!, order.Total!.Value, CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.Rejected, "already_paid"), (paid.Status, paid.FailureCode));
        Assert.Empty(Sandbox.Ledger.OrderPayments);
    }

    [Fact]
    public async Task CancelOrder_UnpaidHold_RefundsNothing_ThenPayingItIsExpired()
    {
        var hold = await HoldAsync();

        var cancelled = await Flights.CancelOrderAsync(hold.ProviderOrderId!, CancellationToken.None);
        var paid = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);

        Assert.Equal(OrderCancellationStatus.Cancelled, cancelled.Status);
        Assert.Equal(new Money(0m, "GBP"), cancelled.Refund);
        Assert.Equal((HoldPaymentStatus.Expired, "already_cancelled"), (paid.Status, paid.FailureCode));
        Assert.Empty(Sandbox.Ledger.OrderPayments);
    }

    [Fact]
    public async Task PayHold_ServerError_IsAmbiguousAndPostedExactlyOnce()
    {
        var hold = await HoldAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 3, DuffelFault.ServerError);

        var paid = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.Ambiguous, "http_500"), (paid.Status, paid.FailureCode));
        Assert.Equal(2, Sandbox.Faults.PendingFaults(DuffelOperation.CreatePayment));
        Assert.Equal(1, PaymentPosts());
        Assert.Empty(Sandbox.Ledger.OrderPayments);
    }

    [Fact]
    public async Task PayHold_ServiceUnavailable_IsAmbiguousAndNotRetried()
    {
        var hold = await HoldAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 1, DuffelFault.ServiceUnavailable);

        var paid = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.Ambiguous, "http_503"), (paid.Status, paid.FailureCode));
        Assert.Equal(1, PaymentPosts());
    }

    [Fact]
    public async Task PayHold_LostResponse_IsAmbiguous_AndTheOrderShowsItPaid()
    {
        var hold = await HoldAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 1, DuffelFault.LostResponse);

        var paid = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);
        var order = await Flights.GetOrderAsync(hold.ProviderOrderId!, CancellationToken.None);

        Assert.Equal(HoldPaymentStatus.Ambiguous, paid.Status);
        Assert.StartsWith("transport_", paid.FailureCode, StringComparison.Ordinal);
        Assert.Equal(1, PaymentPosts());
        Assert.Single(Sandbox.Ledger.OrderPayments);
        Assert.False(order!.AwaitingPayment);
        Assert.Single(order.TicketNumbers);
    }

    [Fact]
    public async Task PayHold_Timeout_IsAmbiguousAfterOneAttempt()
    {
        var hold = await HoldAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 2, DuffelFault.Timeout);
        var clock = Stopwatch.StartNew();

        var paid = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);

        Assert.Equal(HoldPaymentStatus.Ambiguous, paid.Status);
        Assert.StartsWith("transport_", paid.FailureCode, StringComparison.Ordinal);
        // One attempt of Duffel:TimeoutSeconds (5 s here), not several.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(9));
        Assert.Equal(1, Sandbox.Faults.PendingFaults(DuffelOperation.CreatePayment));
        Assert.Empty(Sandbox.Ledger.OrderPayments);
    }

    [Fact]
    public async Task PayHold_RateLimited_IsRejectedAndNotRetried()
    {
        var hold = await HoldAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 1, DuffelFault.RateLimited);

        var paid = await Flights.PayHoldAsync(hold.ProviderOrderId!, HeldTotal, CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.Rejected, "rate_limited"), (paid.Status, paid.FailureCode));
        Assert.Equal(1, PaymentPosts());
        Assert.Empty(Sandbox.Ledger.OrderPayments);
    }
}
