using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Trips;

/// <summary><c>GET /api/bookings</c> (the caller's bookings, newest first) and <c>GET /api/bookings/{id}</c>.</summary>
public sealed class BookingsFunction(JwtAuthenticator auth, TripApi trips)
{
    [Function("ListBookingsFunction")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bookings")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        var (paging, errors) = Paging.From(request);
        return paging is null ? Problems.Validation(errors) : new OkObjectResult(await trips.BookingsAsync(userId, paging, cancellationToken));
    }

    [Function("GetBookingFunction")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bookings/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        return Guid.TryParse(id, out var bookingId) && await trips.BookingAsync(bookingId, userId, cancellationToken) is { } booking
            ? new OkObjectResult(booking)
            : Problems.NotFound();
    }
}
