using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>Duffel's JSON shapes for offer requests, offers and orders (the fields our clients read, and then some).</summary>
internal static class DuffelJson
{
    public static JsonObject Data(JsonNode data) => new() { ["data"] = data };

    public static JsonObject OfferRequest(OfferRequestRecord request, IEnumerable<JsonObject> offers)
    {
        var slices = new JsonArray();
        foreach (var slice in request.Slices)
        {
            slices.Add(new JsonObject
            {
                ["origin"] = OfferFactory.Airport(slice.Origin),
                ["destination"] = OfferFactory.Airport(slice.Destination),
                ["origin_type"] = "airport",
                ["destination_type"] = "airport",
                ["departure_date"] = Wire.Date(slice.DepartureDate),
            });
        }
        return new JsonObject
        {
            ["id"] = request.Id,
            ["live_mode"] = false,
            ["created_at"] = Wire.Timestamp(request.CreatedAt),
            ["slices"] = slices,
            ["passengers"] = RequestedPassengers(request.Passengers),
            ["cabin_class"] = request.CabinClass,
            ["client_key"] = null,
            ["offers"] = new JsonArray([.. offers]),
        };
    }

    public static JsonObject Offer(OfferRecord offer, FareQuote total)
    {
        var (baseAmount, taxAmount) = OfferFactory.Split(total.Amount);
        return new JsonObject
        {
            ["id"] = offer.Id,
            ["live_mode"] = false,
            ["total_amount"] = Wire.Amount(total.Amount),
            ["total_currency"] = total.Currency,
            ["base_amount"] = Wire.Amount(baseAmount),
            ["base_currency"] = total.Currency,
            ["tax_amount"] = Wire.Amount(taxAmount),
            ["tax_currency"] = total.Currency,
            ["expires_at"] = Wire.Timestamp(offer.ExpiresAt),
            ["created_at"] = Wire.Timestamp(offer.CreatedAt),
            ["updated_at"] = Wire.Timestamp(offer.CreatedAt),
            ["owner"] = OfferFactory.CarrierNode(offer.Owner),
            ["passengers"] = OfferPassengers(offer.Passengers),
            ["slices"] = offer.Slices.DeepClone(),
            ["conditions"] = offer.Conditions.DeepClone(),
            ["payment_requirements"] = offer.RequiresInstantPayment
                ? new JsonObject { ["requires_instant_payment"] = true, ["price_guarantee_expires_at"] = null, ["payment_required_by"] = null }
                : new JsonObject
                {
                    ["requires_instant_payment"] = false,
                    ["price_guarantee_expires_at"] = Wire.Timestamp(offer.CreatedAt + OfferTermsPlan.PriceGuaranteedFor),
                    ["payment_required_by"] = Wire.Timestamp(offer.CreatedAt + OfferTermsPlan.HoldFor),
                },
            ["passenger_identity_documents_required"] = offer.DocumentsRequired,
            ["allowed_passenger_identity_document_types"] = new JsonArray([.. offer.AllowedDocumentTypes.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["available_services"] = new JsonArray(),
            ["total_emissions_kg"] = null,
        };
    }

    public static JsonObject Order(OrderRecord order)
    {
        var (baseAmount, taxAmount) = OfferFactory.Split(order.Total.Amount);
        var passengers = new JsonArray();
        foreach (var passenger in order.Passengers)
        {
            passengers.Add(new JsonObject
            {
                ["id"] = passenger.Id,
                ["type"] = passenger.Type,
                ["title"] = passenger.Title,
                ["given_name"] = passenger.GivenName,
                ["family_name"] = passenger.FamilyName,
                ["born_on"] = passenger.BornOn,
                ["gender"] = passenger.Gender,
                ["email"] = passenger.Email,
                ["phone_number"] = passenger.PhoneNumber,
                ["infant_passenger_id"] = passenger.InfantPassengerId,
            });
        }
        // One e-ticket per passenger once paid; an unpaid hold has none.
        var documents = new JsonArray();
        for (var i = 0; i < order.TicketNumbers.Count; i++)
        {
            documents.Add(new JsonObject
            {
                ["type"] = "electronic_ticket",
                ["unique_identifier"] = order.TicketNumbers[i],
                ["passenger_ids"] = new JsonArray(order.Passengers[i].Id),
            });
        }
        return new JsonObject
        {
            ["id"] = order.Id,
            ["live_mode"] = false,
            ["type"] = order.Type,
            ["booking_reference"] = order.BookingReference,
            ["total_amount"] = Wire.Amount(order.Total.Amount),
            ["total_currency"] = order.Total.Currency,
            ["base_amount"] = Wire.Amount(baseAmount),
            ["base_currency"] = order.Total.Currency,
            ["tax_amount"] = Wire.Amount(taxAmount),
            ["tax_currency"] = order.Total.Currency,
            ["created_at"] = Wire.Timestamp(order.CreatedAt),
            ["synced_at"] = Wire.Timestamp(order.CreatedAt),
            ["owner"] = OfferFactory.CarrierNode(order.Offer.Owner),
            ["slices"] = order.Slices.DeepClone(),
            ["passengers"] = passengers,
            ["documents"] = documents,
            ["payment_status"] = PaymentStatus(order),
            ["conditions"] = new JsonObject { ["refund_before_departure"] = null, ["change_before_departure"] = null },
            ["cancelled_at"] = order.CancelledAt is { } cancelledAt ? Wire.Timestamp(cancelledAt) : null,
            ["airline_initiated_changes"] = new JsonArray([.. order.AirlineChanges.Select(AirlineInitiatedChange)]),
            ["metadata"] = Metadata(order.Metadata),
        };
    }

    /// <summary>
    /// Duffel's <c>payment_status</c>. A hold awaiting payment states its deadline and price guarantee; once it is paid,
    /// cancelled or lapsed nothing awaits payment and both are null (a lapsed hold shows <c>cancelled_at</c>, the
    /// deadline). An instant order was paid when created.
    /// </summary>
    public static JsonObject PaymentStatus(OrderRecord order) => new()
    {
        ["awaiting_payment"] = order.AwaitingPayment,
        ["paid_at"] = order.PaidAt is { } paidAt ? Wire.Timestamp(paidAt) : null,
        ["payment_required_by"] = order.AwaitingPayment ? Wire.Timestamp(order.PaymentRequiredBy!.Value) : null,
        ["price_guarantee_expires_at"] = order.AwaitingPayment && order.PriceGuaranteeExpiresAt is { } guarantee ? Wire.Timestamp(guarantee) : null,
    };

    /// <summary>Duffel's Payment object, as <c>POST /air/payments</c> answers it.</summary>
    public static JsonObject Payment(PaymentRecord payment) => new()
    {
        ["id"] = payment.Id,
        ["live_mode"] = false,
        ["type"] = payment.Type,
        ["amount"] = Wire.Amount(payment.Amount.Amount),
        ["currency"] = payment.Amount.Currency,
        ["created_at"] = Wire.Timestamp(payment.CreatedAt),
    };

    /// <summary>
    /// An airline-initiated change as Duffel lists it: the slices removed and added (here one each), what can be
    /// done about it, and what was (nothing yet).
    /// </summary>
    public static JsonObject AirlineInitiatedChange(AirlineChangeRecord change) => new()
    {
        ["id"] = change.Id,
        ["order_id"] = change.Order.Id,
        ["removed"] = new JsonArray(change.Removed.DeepClone()),
        ["added"] = new JsonArray(change.Added.DeepClone()),
        ["action_taken"] = null,
        ["action_taken_at"] = null,
        ["available_actions"] = new JsonArray("accept", "cancel", "change"),
        ["travel_agent_ticket"] = null,
        ["created_at"] = Wire.Timestamp(change.CreatedAt),
        ["updated_at"] = Wire.Timestamp(change.CreatedAt),
    };

    /// <summary>
    /// An order Duffel accepted (202) but has not confirmed: its pending id (<c>por_</c>), the offer, and the
    /// metadata sent. Duffel does not document this object's fields; these are the ones a client can act on.
    /// </summary>
    public static JsonObject PendingOrder(string id, string type, string offerId, IReadOnlyDictionary<string, string>? metadata, DateTimeOffset createdAt) => new()
    {
        ["id"] = id,
        ["live_mode"] = false,
        ["type"] = type,
        ["selected_offers"] = new JsonArray(offerId),
        ["created_at"] = Wire.Timestamp(createdAt),
        ["metadata"] = Metadata(metadata),
    };

    public static JsonObject OrderCancellation(OrderCancellationRecord cancellation) => new()
    {
        ["id"] = cancellation.Id,
        ["live_mode"] = false,
        ["order_id"] = cancellation.Order.Id,
        ["refund_amount"] = Wire.Amount(cancellation.Refund.Amount),
        ["refund_currency"] = cancellation.Refund.Currency,
        ["refund_to"] = "balance",
        ["airline_credits"] = new JsonArray(),
        ["created_at"] = Wire.Timestamp(cancellation.CreatedAt),
        ["expires_at"] = Wire.Timestamp(cancellation.ExpiresAt),
        ["confirmed_at"] = cancellation.ConfirmedAt is { } confirmedAt ? Wire.Timestamp(confirmedAt) : null,
    };

    private static JsonObject? Metadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }
        var node = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            node[key] = value;
        }
        return node;
    }

    /// <summary>An offer request's passengers echo what was asked: a type or an age.</summary>
    private static JsonArray RequestedPassengers(IEnumerable<PassengerQuery> passengers)
    {
        var array = new JsonArray();
        foreach (var passenger in passengers)
        {
            array.Add(new JsonObject { ["id"] = passenger.Id, ["type"] = passenger.Type, ["age"] = passenger.Age });
        }
        return array;
    }

    /// <summary>An offer's passengers carry the type the airline prices them as, and the age searched with.</summary>
    private static JsonArray OfferPassengers(IEnumerable<PassengerQuery> passengers)
    {
        var array = new JsonArray();
        foreach (var passenger in passengers)
        {
            array.Add(new JsonObject
            {
                ["id"] = passenger.Id,
                ["type"] = passenger.FareType,
                ["age"] = passenger.Age,
                ["given_name"] = null,
                ["family_name"] = null,
                ["fare_type"] = null,
                ["loyalty_programme_accounts"] = new JsonArray(),
            });
        }
        return array;
    }
}
