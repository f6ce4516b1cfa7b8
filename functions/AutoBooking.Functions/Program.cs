using AutoBooking.Functions.Extensions;
using AutoBooking.Functions.Operations;
using AutoBooking.Infrastructure.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The deploy step (and infra/local/run.sh) runs this same build as `AutoBooking.Functions migrate` before the host starts it.
if (MigrateCommand.IsRequested(args))
{
    return await MigrateCommand.RunAsync(args);
}

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<AutoBooking.Functions.Auth.BearerAuthenticationMiddleware>();

builder.Services.AddAutoBookingInfrastructure();
builder.Services.AddAutoBookingPipeline();

await builder.Build().RunAsync();
return 0;
