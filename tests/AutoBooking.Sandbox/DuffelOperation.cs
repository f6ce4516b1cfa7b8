namespace AutoBooking.Sandbox;

/// <summary>The Duffel calls the sandbox can make fail, one fault queue each (see <see cref="Faults.FailNext"/>).</summary>
public enum DuffelOperation
{
    /// <summary><c>POST /air/offer_requests</c> (a search).</summary>
    CreateOfferRequest,

    /// <summary><c>GET /air/offers</c>.</summary>
    ListOffers,

    /// <summary><c>GET /air/offers/{id}</c> (a re-price).</summary>
    GetOffer,

    /// <summary><c>POST /air/orders</c>.</summary>
    CreateOrder,

    /// <summary><c>GET /air/orders/{id}</c>.</summary>
    GetOrder,

    /// <summary><c>GET /air/orders</c>.</summary>
    ListOrders,

    /// <summary><c>POST /air/order_cancellations</c> (the quote).</summary>
    CreateOrderCancellation,

    /// <summary><c>POST /air/order_cancellations/{id}/actions/confirm</c>.</summary>
    ConfirmOrderCancellation,

    /// <summary><c>POST /air/payments</c> (paying a hold order).</summary>
    CreatePayment,
}
