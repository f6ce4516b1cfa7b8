namespace AutoBooking.Sandbox;

/// <summary>The Stripe calls the sandbox can make fail, one fault queue each (see <see cref="Faults.FailNext(StripeOperation, int, StripeFault)"/>).</summary>
public enum StripeOperation
{
    /// <summary><c>POST /v1/payment_intents</c> (create, and confirm when <c>confirm=true</c>: the authorization).</summary>
    CreatePaymentIntent,

    /// <summary><c>POST /v1/payment_intents/{id}/capture</c>.</summary>
    CapturePaymentIntent,

    /// <summary><c>POST /v1/payment_intents/{id}/cancel</c>.</summary>
    CancelPaymentIntent,

    /// <summary><c>GET /v1/payment_intents/{id}</c>.</summary>
    RetrievePaymentIntent,

    /// <summary><c>GET /v1/payment_intents/search</c> (by metadata).</summary>
    SearchPaymentIntents,

    /// <summary><c>POST /v1/payment_methods/{id}/detach</c>.</summary>
    DetachPaymentMethod,
}
