using System.Text.Json;
using AutoBooking.Infrastructure.Extensions;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Operations;

/// <summary>
/// <c>AutoBooking.Functions migrate [--settings local.settings.json]</c>: applies the SQL migrations and exits, as
/// the deploy's own step before the new code takes traffic (and <c>infra/local/run.sh</c> before <c>func start</c>).
/// It lives in the Functions app so that the migrations applied are exactly those of the build being deployed (the
/// same assembly the worker checks its schema against). Settings come from environment variables
/// (<c>Postgres__ConnectionString</c>, and in Azure <c>Postgres__UseEntraAuthentication</c> and
/// <c>Postgres__ManagedIdentityClientId</c>: it signs in as the app does), the command line, or the <c>Values</c> of a
/// local.settings.json.
/// The advisory lock in <see cref="DatabaseMigrator"/> makes concurrent runs safe.
/// </summary>
public static partial class MigrateCommand
{
    public const string Verb = "migrate";

    /// <summary>True when the process was started as the migrate command rather than by the Functions host.</summary>
    public static bool IsRequested(string[] args) => args is [Verb, ..];

    /// <summary>Runs the migration; 0 on success, 1 (with the reason on stderr) otherwise.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var rest = args.Skip(1).ToList();
        var at = rest.IndexOf("--settings");
        if (at >= 0 && at + 1 < rest.Count)
        {
            builder.Configuration.AddInMemoryCollection(ReadValues(rest[at + 1]));
            rest.RemoveRange(at, 2);
        }
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(rest.ToArray());
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.AddValidatedOptions<PostgresOptions>(PostgresOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        try
        {
            var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            LogDone(logger, applied);
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            LogFailed(logger, exception.Message);
            return 1;
        }
#pragma warning disable CA1031 // A command line tool reports any failure and exits non-zero; the deploy stops there.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var reason = exception.GetBaseException().Message;
            LogFailed(logger, reason);
            return 1;
        }
    }

    /// <summary>The <c>Values</c> of a local.settings.json, with <c>__</c> read as the section separator (as the host does).</summary>
    private static Dictionary<string, string?> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var setting in section.EnumerateObject())
            {
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ToString();
            }
        }
        return values;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrate: done, {ScriptCount} script(s) applied; the schema is current")]
    private static partial void LogDone(ILogger logger, int scriptCount);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Migrate: failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
