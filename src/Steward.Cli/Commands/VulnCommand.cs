using System.CommandLine;
using Steward.Cli.SupplyChain;
using Steward.Core.Application;
using Steward.Core.Reporting.SupplyChain;
using Steward.Core.SupplyChain.Osv;

namespace Steward.Cli.Commands;

/// <summary><c>steward vuln scan SBOM --db DIR</c>: offline vulnerability matching against OSV records.</summary>
public static class VulnCommand
{
    public static Command Create()
    {
        var command = new Command("vuln", "Known vulnerabilities of SBOM components (offline, OSV records).");
        command.Subcommands.Add(Scan());
        return command;
    }

    private static Command Scan()
    {
        var command = new Command("scan", "Match the SBOM's components (by purl) against a folder of OSV records; exit 1 when a vulnerability at or above --fail-on is found.");
        var sbom = new Argument<string>("sbom") { Description = "The SBOM: CycloneDX or SPDX JSON." };
        var db = new Option<string>("--db") { Description = "Folder of OSV JSON records, or a zip of them (osv.dev all.zip export).", Required = true, HelpName = "DIR|ZIP" };
        var format = CommonOptions.Format("table", "json", "sarif");
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Lowest severity that fails the scan: any, low, medium, high, critical. Unrated vulnerabilities fail at every level.",
            DefaultValueFactory = _ => "any",
            HelpName = "SEVERITY",
        };
        failOn.AcceptOnlyFromAmong(VulnerabilitySeverity.Thresholds);
        command.Arguments.Add(sbom);
        command.Options.Add(db);
        command.Options.Add(format);
        command.Options.Add(failOn);
        command.SetAction(parse =>
        {
            var sbomPath = parse.GetValue(sbom)!;
            var result = CliApplication.Services.Vulnerabilities.Scan(sbomPath, parse.GetValue(db)!);

            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    output.WriteLine(VulnerabilityJson.Json(result.Matches));
                    break;
                case "sarif":
                    output.WriteLine(VulnerabilityJson.Sarif(result.Matches, sbomPath));
                    break;
                default:
                    VulnerabilityReport.Table(output, result.Matches);
                    break;
            }

            // What could not be checked is said, on stderr, so that silence never means "clean".
            var error = parse.InvocationConfiguration.Error;
            if (result.WithoutPurl > 0) error.WriteLine($"steward: note: {result.WithoutPurl} component(s) without a purl were not checked");
            foreach (var (purl, note) in result.Notes) error.WriteLine($"steward: note: {purl}: {note}");

            return result.Fails(parse.GetValue(failOn)!) ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
