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
    private readonly RecordBook<LedgerOrderCancellation> orderCancellations = new();
    private readonly RecordBook<LedgerOrderPayment> orderPayments = new();
    private readonly RecordBook<LedgerRequest> requests = new();
    private readonly RecordBook<LedgerRefund> refunds = new();
    private readonly RecordBook<LedgerSetupIntent> setupIntents = new();
    private readonly RecordBook<LedgerWebhookDelivery> webhookDeliveries = new();
    private readonly RecordBook<LedgerAirlineChange> airlineChanges = new();
    private long requestCount;

    /// <summary>Duffel searches, oldest first.</summary>
    public IReadOnlyList<LedgerOfferRequest> OfferRequests => offerRequests.Snapshot();

    /// <summary>
    /// Duffel orders in their current state, oldest first, including those whose response was lost: tickets bought, and
    /// holds (<see cref="LedgerOrder.Type"/> "hold"), which have no tickets until paid.
    /// </summary>
    public IReadOnlyList<LedgerOrder> Orders => orders.Snapshot();

    /// <summary>Payments of Duffel hold orders (<c>POST /air/payments</c>), oldest first, including those whose response was lost.</summary>
    public IReadOnlyList<LedgerOrderPayment> OrderPayments => orderPayments.Snapshot();

    /// <summary>Stripe PaymentIntents in their current state, oldest first.</summary>
    public IReadOnlyList<LedgerPaymentIntent> PaymentIntents => paymentIntents.Snapshot();

    /// <summary>Emails sent through Resend, oldest first.</summary>
    public IReadOnlyList<LedgerEmail> Emails => emails.Snapshot();

    /// <summary>Duffel order cancellations in their current state (quoted or confirmed), oldest first.</summary>
    public IReadOnlyList<LedgerOrderCancellation> OrderCancellations => orderCancellations.Snapshot();

    /// <summary>Every provider call received, in the order they arrived; <see cref="LedgerRequest.StatusCode"/> is 0 until answered.</summary>
    public IReadOnlyList<LedgerRequest> Requests => requests.Snapshot();

    /// <summary>Calls received by <paramref name="provider"/> (duffel, stripe, resend) with this method and path (without the provider prefix).</summary>
    public IReadOnlyList<LedgerRequest> RequestsTo(string provider, string method, string path) =>
        Requests.Where(r => r.Provider == provider && r.Method == method && r.Path == path).ToList();

    /// <summary>Stripe refunds, oldest first.</summary>
    public IReadOnlyList<LedgerRefund> Refunds => refunds.Snapshot();

    /// <summary>Stripe SetupIntents in their current state, oldest first.</summary>
    public IReadOnlyList<LedgerSetupIntent> SetupIntents => setupIntents.Snapshot();

    /// <summary>Schedule changes airlines made to sold orders (see <see cref="Airline"/>), oldest first.</summary>
    public IReadOnlyList<LedgerAirlineChange> AirlineChanges => airlineChanges.Snapshot();

    /// <summary>Webhook delivery attempts (see <see cref="Webhooks"/>), in the order they were made.</summary>
    public IReadOnlyList<LedgerWebhookDelivery> WebhookDeliveries => webhookDeliveries.Snapshot();

    internal void Record(LedgerWebhookDelivery delivery) =>
        webhookDeliveries.Upsert(delivery.Provider + "/" + delivery.EventId + "/" + delivery.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), delivery);

    internal void Record(LedgerAirlineChange change) => airlineChanges.Upsert(change.Id, change);

    internal void Record(LedgerRefund refund) => refunds.Upsert(refund.Id, refund);

    internal void Record(LedgerSetupIntent setupIntent) => setupIntents.Upsert(setupIntent.Id, setupIntent);

    internal void Record(LedgerOrderCancellation cancellation) => orderCancellations.Upsert(cancellation.Id, cancellation);

    internal void Record(LedgerOrderPayment payment) => orderPayments.Upsert(payment.Id, payment);

    /// <summary>Records a call on arrival; returns the key to <see cref="Update"/> it with once answered.</summary>
    internal string Record(LedgerRequest request)
    {
        var key = Interlocked.Increment(ref requestCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        requests.Upsert(key, request);
        return key;
    }

    internal void Update(string key, LedgerRequest request) => requests.Upsert(key, request);

    internal void Record(LedgerOfferRequest offerRequest) => offerRequests.Upsert(offerRequest.Id, offerRequest);

    /// <summary>Adds an order or replaces its previous state (paid, repriced, cancelled, lapsed), keeping its place in the list.</summary>
    internal void Record(LedgerOrder order) => orders.Upsert(order.Id, order);

    /// <summary>Adds a PaymentIntent or replaces its previous state, keeping its place in the list.</summary>
    internal void Record(LedgerPaymentIntent paymentIntent) => paymentIntents.Upsert(paymentIntent.Id, paymentIntent);

    internal void Record(LedgerEmail email) => emails.Upsert(email.Id, email);
}
