using AutoBooking.Core.Booking;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Re-prices the specific offer before any money moves: it must still exist, cost exactly what the attempt
/// will authorize, and be within the traveler's limit. A changed price sends the trip back to watching,
/// where the next search sees the new fare. An offer that requires identity documents the travelers do not have (any
/// more: a passport removed or expired since the offer was chosen) ends the attempt here too, before any money moves.
/// </summary>
public sealed class RepriceOfferActivity(BookingRepository bookings, IFlightProvider flights, PiiProtector pii) : SagaActivity<BookingSagaInput, StepResult>
{
    protected override async Task<StepResult> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Trip.TravelersErased)
        {
            // Erasure and retention never leave an active trip without travelers; should one reach here, it ends cleanly.
            return StepResult.Fail(FailureCodes.PersonalDataErased);
        }
        var terms = attempt.Offer.TermsOrUnknown;
        if (terms.DocumentsRequired
            && DocumentCheck.Shortfall(terms, [.. TripTravelers.Unprotect(pii, attempt.Trip).Select(t => t.DocumentFacts)]) is not null)
        {
            return StepResult.Fail(FailureCodes.IdentityDocumentsMissing);
        }
        var price = await flights.RepriceAsync(attempt.Offer.ProviderOfferId, CancellationToken.None);
        if (price.Status == RepriceStatus.Gone || price.Total is not { } total)
        {
            return StepResult.Fail(FailureCodes.OfferGone);
        }
        if (total != attempt.Attempt.Total || total.Amount > attempt.Trip.MaxTotalAmount)
        {
            return StepResult.Fail(FailureCodes.PriceAboveLimit);
        }
        return StepResult.Ok;
    }
}
