using System.CommandLine;
using Steward.Cli.SupplyChain;
using Steward.Core;
using Steward.Core.Governance;
using Steward.Core.SupplyChain.Sbom;

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
            var at = key.LastIndexOf('@');
            if (at <= 0 || at == key.Length - 1)
                throw new StewardInputException($"{key}: expected MODEL@VERSION");
            var repository = RepositoryLoader.LoadFolder(parse.GetValue(repo)!);
            var (name, version) = (key[..at], key[(at + 1)..]);
            var found = repository.FindModel(name, version);
            if (found is null)
            {
                var known = repository.Models.Where(m => m.Model == name).Select(m => m.Version).Order(StringComparer.Ordinal).ToList();
                throw new StewardInputException(known.Count > 0
                    ? $"{key}: unknown version of {name} (known: {string.Join(", ", known)})"
                    : $"{key}: unknown model (known: {string.Join(", ", repository.Models.Select(m => m.Key).Order(StringComparer.Ordinal))})");
            }
            var input = ModelBomMapping.From(found);
            var text = parse.GetValue(format) == "spdx" ? Spdx3Writer.Write(input) : CycloneDxWriter.Write(input);
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
            var bom = SbomReader.Read(parse.GetValue(file)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(JsonOutput.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("format", bom.Format);
                    w.WriteStartArray("components");
                    foreach (var c in bom.Components)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", c.Name);
                        w.StringOrNull("group", c.Group);
                        w.StringOrNull("version", c.Version);
                        w.StringOrNull("purl", c.Purl);
                        w.StringOrNull("type", c.Type);
                        w.Strings("licenses", c.Licenses);
                        w.WriteStartObject("hashes");
                        foreach (var (alg, value) in c.Hashes) w.WriteString(alg, value);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
                return ExitCodes.Ok;
            }

            output.WriteLine($"{bom.Format}: {bom.Components.Count} component{(bom.Components.Count == 1 ? "" : "s")}");
            var table = new TextTable("NAME", "VERSION", "TYPE", "LICENSES", "PURL");
            foreach (var c in bom.Components)
                table.Add(c.Group is null ? c.Name : c.Group + "/" + c.Name, c.Version ?? "-", c.Type ?? "-",
                    c.Licenses.Count == 0 ? "-" : string.Join(", ", c.Licenses), c.Purl ?? "-");
            table.Write(output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
