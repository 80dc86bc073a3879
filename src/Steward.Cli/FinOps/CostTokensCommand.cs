using System.CommandLine;
using System.Globalization;
using Steward.Cli.Commands;
using Steward.Core.Application;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Tokens;
using Steward.Core.Governance;
using Steward.Core.Reporting;
using Steward.Core.Reporting.Costs;

namespace Steward.Cli.FinOps;

/// <summary><c>steward cost tokens REPO --store S</c>: LLM token economics per model version, team and source.</summary>
internal static class CostTokensCommand
{
    public static Command Create()
    {
        var command = new Command("tokens",
            "LLM token economics: cost per 1M input and output tokens by model, version and team, self-hosted (allocated usage cost over the "
            + "inference log's prompt_tokens/completion_tokens) and API (FOCUS charges priced in tokens), GPU-hours per 1,000 requests, the API "
            + "price of the same family, and cost-per-token findings against the catalog's costPerMillionTokensUsd.");
        var repo = CommonOptions.Repository();
        var store = CommonOptions.Store();
        var from = CostCommand.Date("--from", "First day (UTC), inclusive.");
        var to = CostCommand.Date("--to", "Last day (UTC), inclusive.");
        var metric = CostCommand.Metric();
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(repo);
        foreach (var option in new Option[] { store, from, to, metric, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var report = CliApplication.Services.TokenCosts.Run(new TokenCostRequest(parse.GetValue(store)!, RepositoryLoader.LoadFolder(parse.GetValue(repo)!))
            {
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Metric = parse.GetValue(metric)!,
            });
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(TokenCostJson.Write(report));
            else
                Table(report, output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Table(TokenCostReport report, TextWriter output)
    {
        if (!report.InferenceLog)
            output.WriteLine("No inference log in the store (steward ingest inferences): self-hosted token costs skipped");
        var table = new TextTable(
            ["model", "version", "source", "team", "requests", "input tokens", "output tokens", "cost", "per 1M", "per 1M in", "per 1M out", "GPU-h/1k req", "API equivalent", "finding"],
            [false, false, false, false, true, true, true, true, true, true, true, true, true, false]);
        static string Opt(decimal? v) => v is { } x ? Money.Display(x) : "";
        static string Count(decimal v) => v.ToString("#,0", CultureInfo.InvariantCulture);
        foreach (var r in report.Rows)
            table.Add([r.Model, r.Version, r.Source, r.Team, r.Requests?.ToString("#,0", CultureInfo.InvariantCulture) ?? "",
                Count(r.InputTokens), Count(r.OutputTokens), Money.Display(r.Cost), Opt(r.CostPerMillionTokens), Opt(r.CostPerMillionInput),
                Opt(r.CostPerMillionOutput), r.GpuHoursPer1000Requests is { } g ? g.ToString("0.####", CultureInfo.InvariantCulture) : "",
                Opt(r.ApiEquivalentCost), r.Finding?.RuleId ?? ""]);
        output.WriteLine($"Token costs ({report.Currency})");
        table.Write(output);
        foreach (var f in report.Findings)
            output.WriteLine($"{f.Severity.ToString().ToLowerInvariant()} {f.RuleId}: {f.Message}");
    }
}
