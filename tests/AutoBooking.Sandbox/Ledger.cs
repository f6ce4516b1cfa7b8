using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox;

/// <summary>
/// What the outside world saw: every search, order, payment and email the sandbox handled. Tests assert
/// against it ("one ticket bought, one capture, one email"), so every read is a snapshot that later calls
/// do not change under the reader's feet. Safe to read from any thread while the server is running.
/// </summary>
public sealed class Ledger
{
    private readonly RecordBook<LedgerOfferRequest> offerRequests = new();
    private readonly RecordBook<LedgerOrder> orders = new();
    private readonly RecordBook<LedgerPaymentIntent> paymentIntents = new();
    private readonly RecordBook<LedgerEmail> emails = new();

    /// <summary>Duffel searches, oldest first.</summary>
    public IReadOnlyList<LedgerOfferRequest> OfferRequests => offerRequests.Snapshot();

    /// <summary>Duffel orders (tickets bought), oldest first, including those whose response was lost.</summary>
    public IReadOnlyList<LedgerOrder> Orders => orders.Snapshot();

    /// <summary>Stripe PaymentIntents in their current state, oldest first.</summary>
    public IReadOnlyList<LedgerPaymentIntent> PaymentIntents => paymentIntents.Snapshot();

    /// <summary>Emails sent through Resend, oldest first.</summary>
    public IReadOnlyList<LedgerEmail> Emails => emails.Snapshot();

    internal void Record(LedgerOfferRequest offerRequest) => offerRequests.Upsert(offerRequest.Id, offerRequest);

    internal void Record(LedgerOrder order) => orders.Upsert(order.Id, order);

    /// <summary>Adds a PaymentIntent or replaces its previous state, keeping its place in the list.</summary>
    internal void Record(LedgerPaymentIntent paymentIntent) => paymentIntents.Upsert(paymentIntent.Id, paymentIntent);

    internal void Record(LedgerEmail email) => emails.Upsert(email.Id, email);
}
