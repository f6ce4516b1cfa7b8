using AutoBooking.Functions.Extensions;
using AutoBooking.Infrastructure.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<AutoBooking.Functions.Auth.BearerAuthenticationMiddleware>();

builder.Services.AddAutoBookingInfrastructure();
builder.Services.AddAutoBookingPipeline();

builder.Build().Run();
