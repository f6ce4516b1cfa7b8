// The worker keeps one folder (and so one namespace) per stage. Test code sees every stage's namespace, so a test
// names a stage's types without listing where each one lives. The namespaces the worker had before its folders
// followed the stages (by trigger type and "Pipeline") are declared here, empty, so a suite written against them
// still compiles: its `using AutoBooking.Functions.Http;` resolves and the types come from the stages below.
// Linked into every test project that references the worker (see its .csproj).
global using AutoBooking.Functions.Account;
global using AutoBooking.Functions.Api;
global using AutoBooking.Functions.Auth;
global using AutoBooking.Functions.Booking;
global using AutoBooking.Functions.BookingStart;
global using AutoBooking.Functions.Monitor;
global using AutoBooking.Functions.Notifications;
global using AutoBooking.Functions.Operations;
global using AutoBooking.Functions.Reconciliation;
global using AutoBooking.Functions.Retention;
global using AutoBooking.Functions.Trips;
global using AutoBooking.Functions.Webhooks;

#pragma warning disable IDE0161 // several namespaces in one file, on purpose

namespace AutoBooking.Functions.Http { }

namespace AutoBooking.Functions.Pipeline { }

namespace AutoBooking.Functions.Stages { }

namespace AutoBooking.Functions.Queues { }

namespace AutoBooking.Functions.Timers { }
