using System.Text.Json.Serialization;
using AutoBooking.Core.Messages;

namespace AutoBooking.Core.Booking;

/// <summary>
/// The booking orchestration's input: ids only (activities load the rest), plus the order look-up waits and the
/// step retry numbers, because an orchestrator may not read configuration itself.
/// </summary>
/// <remarks>
/// <see cref="OrderLookUpDelaysSeconds"/> keeps its former name in the serialized input, which sagas in flight at a
/// deploy hold in their history.
/// <see cref="ApprovalTimeoutSeconds"/> is set when the traveler wants to approve each purchase;
/// <see cref="AuthenticationTimeoutSeconds"/> (null or 0: fail at once) is how long a card needing authentication
/// waits for the traveler to confirm the payment on-session. <see cref="Retry"/> null: <see cref="StepRetry.Default"/>.
/// <see cref="TraceParent"/> is the W3C trace context of the booking start: the Durable engine does not carry trace
/// context into activities by itself, so every activity starts its span from this one (one trace per booking, from
/// the HTTP call to the last saga step). <see cref="AuthorizationRound"/>: which authorization of the attempt a payment
/// step is about (a held fare whose price changed is authorized again at the new price, under new idempotency keys).
/// </remarks>
public sealed record BookingSagaInput(
    Guid AttemptId, Guid TripId, string CorrelationId,
    [property: JsonPropertyName("ReconcileDelaysSeconds")] IReadOnlyList<int>? OrderLookUpDelaysSeconds = null, int? ApprovalTimeoutSeconds = null,
    int? AuthenticationTimeoutSeconds = null, StepRetry? Retry = null, string? TraceParent = null, int AuthorizationRound = 1) : ITraceCarrier
{
    /// <summary>The idempotency-key step name for this authorization round: "authorize", then "authorize-2", ...</summary>
    public string RoundStep(string step) => AuthorizationRound <= 1 ? step : $"{step}-{AuthorizationRound}";
}
