using System.CommandLine;
using Steward.Cli.SupplyChain;
using Steward.Core.SupplyChain.Sbom;

namespace Steward.Cli.Commands;

/// <summary><c>steward sbom read FILE</c>: CycloneDX and SPDX documents as one component list.</summary>
public static class SbomCommand
{
    public static Command Create()
    {
        var command = new Command("sbom", "Software bills of materials (CycloneDX, SPDX).");
        command.Subcommands.Add(Read());
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
