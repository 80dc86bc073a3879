using System.CommandLine;
using Steward.Core;
using Steward.Core.Application;
using Steward.Core.Reporting;
using Steward.Core.Reporting.SupplyChain;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward sbom MODEL@VERSION</c>: the ML-BOM of a catalog model (CycloneDX 1.6 or SPDX 3.0);
/// <c>steward sbom read FILE</c>: CycloneDX and SPDX documents as one component list.
/// </summary>
public static class SbomCommand
{
    public static Command Create()
    {
        var command = new Command("sbom", "Software bills of materials: write a catalog model's ML-BOM (steward sbom MODEL@VERSION), or read one (steward sbom read FILE).");
        var model = new Argument<string?>("model") { Description = "The ModelVersion, as MODEL@VERSION.", Arity = ArgumentArity.ZeroOrOne };
        var repo = new Option<string>("--repo") { Description = "The governance repository folder.", DefaultValueFactory = _ => ".", HelpName = "REPO" };
        var format = CommonOptions.Format("cyclonedx", "spdx");
        var output = new Option<string?>("--out", "-o") { Description = "Write the BOM to this file instead of standard output.", HelpName = "FILE" };
        command.Arguments.Add(model);
        command.Options.Add(repo);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Subcommands.Add(Read());
        command.SetAction(parse =>
        {
            var key = parse.GetValue(model)
                ?? throw new StewardInputException("steward sbom: name a model as MODEL@VERSION (or use steward sbom read FILE)");
            var text = CliApplication.Services.Sbom.ModelBom(parse.GetValue(repo)!, key, spdx: parse.GetValue(format) == "spdx");
            if (parse.GetValue(output) is { } file)
                File.WriteAllText(file, text);
            else
                parse.InvocationConfiguration.Output.Write(text);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Read()
    {
        var command = new Command("read", "List the components of a CycloneDX (1.4-1.6) or SPDX (2.3, 3.0) JSON document.");
        var file = new Argument<string>("file") { Description = "The SBOM (JSON)." };
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(file);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var bom = CliApplication.Services.Sbom.Read(parse.GetValue(file)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(SupplyChainJson.Components(bom));
                return ExitCodes.Ok;
            }

            output.WriteLine($"{bom.Format}: {bom.Components.Count} component{(bom.Components.Count == 1 ? "" : "s")}");
            var table = TextTable.Plain("NAME", "VERSION", "TYPE", "LICENSES", "PURL");
            foreach (var c in bom.Components)
                table.Add(c.Group is null ? c.Name : c.Group + "/" + c.Name, c.Version ?? "-", c.Type ?? "-",
                    c.Licenses.Count == 0 ? "-" : string.Join(", ", c.Licenses), c.Purl ?? "-");
            table.Write(output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
