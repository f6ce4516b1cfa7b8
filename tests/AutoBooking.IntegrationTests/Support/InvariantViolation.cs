namespace AutoBooking.IntegrationTests.Support;

/// <summary>One broken saga invariant (DESIGN §5) for one attempt, named so a chaos run can count them per invariant.</summary>
public sealed record InvariantViolation(string Invariant, Guid AttemptId, string Detail)
{
    public const string NoChargeWithoutTicket = "no_charge_without_ticket";
    public const string NoTicketWithoutPayment = "no_ticket_without_payment";
    public const string AtMostOneBooking = "at_most_one_booking";
    public const string SideEffectsOnce = "side_effects_once";
    public const string NothingSilentlyLost = "nothing_silently_lost";

    /// <summary>The five, in DESIGN §5's order (for reports).</summary>
    public static IReadOnlyList<string> All { get; } = [NoChargeWithoutTicket, NoTicketWithoutPayment, AtMostOneBooking, SideEffectsOnce, NothingSilentlyLost];
}
