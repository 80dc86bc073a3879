using System.CommandLine;
using System.Globalization;
using Steward.Core;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Usage.Prometheus;

namespace Steward.Cli.FinOps;

/// <summary>The flags of <c>steward cost import-usage --prometheus</c>: the server, its credentials and the range.</summary>
internal sealed class PrometheusOptions
{
    public required Option<string?> Url { get; init; }
    public required Option<string?> TokenFile { get; init; }
    public required Option<string?> CaFile { get; init; }
    public required Option<string?> Timeout { get; init; }
    public required Option<string?> From { get; init; }
    public required Option<string?> To { get; init; }
    public required Option<string> Step { get; init; }

    public static PrometheusOptions Create() => new()
    {
        Url = new("--prometheus") { Description = "Prometheus (or Thanos, Mimir) base URL, e.g. http://prometheus-operated.monitoring:9090: import the series OpenCost reads instead of files.", HelpName = "URL" },
        TokenFile = TokenFileOption(),
        CaFile = CaFileOption(),
        Timeout = new("--prometheus-timeout") { Description = "How long one query may take (default 60s).", HelpName = "DURATION" },
        From = new("--from") { Description = "With --prometheus: start of the range (UTC; 2026-11-01, 2026-11-01T10:00:00Z or Unix seconds); the first whole --step window from there.", HelpName = "TIME" },
        To = new("--to") { Description = "With --prometheus: end of the range, exclusive; the last whole --step window before it.", HelpName = "TIME" },
        Step = new("--step") { Description = "With --prometheus: the window of one usage row (whole seconds, 10s to 24h).", HelpName = "DURATION", DefaultValueFactory = _ => "5m" },
    };

    public static Option<string?> TokenFileOption() => new("--prometheus-token-file") { Description = "File holding a bearer token for Prometheus (never a flag value).", HelpName = "FILE" };

    public static Option<string?> CaFileOption() => new("--prometheus-ca-file") { Description = "PEM file of the CA certificates Prometheus' TLS certificate must chain to.", HelpName = "FILE" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Url, TokenFile, CaFile, Timeout, From, To, Step })
            command.Options.Add(option);
    }

    /// <summary>The request when <c>--prometheus</c> is given (null otherwise); the Prometheus-only flags without it are an error.</summary>
    public PrometheusUsageRequest? Request(ParseResult parse, string store)
    {
        var url = parse.GetValue(Url);
        if (url is null)
        {
            foreach (var option in new Option[] { TokenFile, CaFile, Timeout, From, To })
                if (parse.GetResult(option) is { Implicit: false })
                    throw new StewardInputException($"{option.Name}: only with --prometheus URL");
            return null;
        }
        var from = parse.GetValue(From) ?? throw new StewardInputException("--prometheus: --from TIME is required");
        var to = parse.GetValue(To) ?? throw new StewardInputException("--prometheus: --to TIME is required");
        return new PrometheusUsageRequest(store, Connection(url, parse.GetValue(TokenFile), parse.GetValue(CaFile), parse.GetValue(Timeout)), from, to)
        {
            Step = parse.GetValue(Step)!,
        };
    }

    public static PrometheusConnection Connection(string url, string? tokenFile, string? caFile, string? timeout)
    {
        var connection = new PrometheusConnection(url) { TokenFile = tokenFile, CaFile = caFile };
        if (timeout is null) return connection;
        if (!Core.Governance.Kinds.PolicyLimitsSettings.TryParseDuration(timeout, out var span))
            throw new StewardInputException($"--prometheus-timeout {timeout}: expected a duration such as 30s or 2m");
        return connection with { Timeout = span };
    }

    public static string Describe(PrometheusImportResult r)
    {
        var replaced = r.Replaced == 0 ? "" : $"; replaced {r.Replaced.ToString(CultureInfo.InvariantCulture)} rows of earlier imports of these windows";
        return $"{r.Server}: imported {r.Rows.ToString(CultureInfo.InvariantCulture)} usage rows, {CostAllocationCommands.T(r.From)} to {CostAllocationCommands.T(r.To)} "
            + $"in {PrometheusWindows.Describe(r.Windows, r.Step)} (import {r.ImportId}){replaced}";
    }
}
