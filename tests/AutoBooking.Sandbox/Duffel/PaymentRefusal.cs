namespace AutoBooking.Sandbox.Duffel;

/// <summary>Why <see cref="DuffelStore.Pay"/> took no payment; each answers a 422 with its own code (see <see cref="DuffelErrors"/>).</summary>
internal enum PaymentRefusal
{
    /// <summary>Paid already: an instant order, or a hold paid before (<c>already_paid</c>).</summary>
    AlreadyPaid,

    /// <summary>Cancelled through a confirmed cancellation (<c>already_cancelled</c>).</summary>
    Cancelled,

    /// <summary>An unpaid hold past its <c>payment_required_by</c> (<c>order_expired</c>).</summary>
    Expired,

    /// <summary>The amount or currency is not the order's current total (<c>price_changed</c>).</summary>
    PriceChanged,
}
