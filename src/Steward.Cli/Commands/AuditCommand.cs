using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Steward.Cli.Output;
using Steward.Core.Application.Audit;
using Steward.Core.GitOps.Audit;

namespace Steward.Cli.Commands;

/// <summary><c>steward audit log|export|verify</c>: the tamper-evident audit log of the store.</summary>
public static class AuditCommand
{
    /// <summary>Environment variable naming an Ed25519 private key (PEM) that signs new audit entries.</summary>
    public const string SigningKeyVariable = AuditService.SigningKeyVariable;

    private static AuditService Audit => CliApplication.Services.Audit;

    public static Command Create()
    {
        var command = new Command("audit", "The audit log: every check verdict, finding, remediation and push, hash-chained and optionally signed.");
        command.Subcommands.Add(LogCommand());
        command.Subcommands.Add(ExportCommand());
        command.Subcommands.Add(VerifyCommand());
        return command;
    }

    private static Command LogCommand()
    {
        var command = new Command("log", "Show the audit log, oldest first.");
        var store = CommonOptions.Store();
        var format = CommonOptions.Format("table", "json");
        var limit = new Option<int?>("--last") { Description = "Show only the last N entries.", HelpName = "N" };
        command.Options.Add(store);
        command.Options.Add(format);
        command.Options.Add(limit);
        command.SetAction(parse =>
        {
            var entries = Audit.Entries(parse.GetValue(store)!, parse.GetValue(limit));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                JsonLinesAuditStore.Export(entries, output);
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded).Title("Audit log");
            foreach (var column in new[] { "Seq", "Time (UTC)", "Type", "Actor", "Summary", "Hash" }) table.AddColumn(column);
            foreach (var e in entries)
                table.AddRow(e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(e.Type), Markup.Escape(e.Actor), Markup.Escape(AuditEntrySummary.Of(e)), e.Hash[..12] + (e.Signature is null ? "" : " ✓sig"));
            Terminal.For(output).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ExportCommand()
    {
        var command = new Command("export", "Write the audit log as JSON Lines (one canonical JSON entry per line, then the log's signed head).");
        var file = new Argument<string>("file") { Description = "The file to write ('-' for standard output)." };
        var store = CommonOptions.Store();
        command.Arguments.Add(file);
        command.Options.Add(store);
        command.SetAction(parse =>
        {
            // Read before the file is created: an unreadable entry leaves no half export behind.
            var export = Audit.Export(parse.GetValue(store)!);
            var path = parse.GetValue(file)!;
            if (path == "-")
            {
                JsonLinesAuditStore.Export(export.Entries, export.Head, parse.InvocationConfiguration.Output);
                return ExitCodes.Ok;
            }
            using (var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
                JsonLinesAuditStore.Export(export.Entries, export.Head, writer);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command VerifyCommand()
    {
        var command = new Command("verify", "Verify the chain and the head (entry count and last hash; signatures with --key); exit 1 naming the first entry that breaks.");
        var file = new Option<string?>("--file") { Description = "Verify an exported JSON Lines file instead of the store.", HelpName = "FILE" };
        var key = new Option<string?>("--key") { Description = "Ed25519 public key (PEM) that must have signed every entry.", HelpName = "PUB.pem" };
        var store = CommonOptions.Store();
        var format = CommonOptions.Format("table", "json");
        command.Options.Add(file);
        command.Options.Add(key);
        command.Options.Add(store);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var verified = parse.GetValue(file) is { } path
                ? Audit.VerifyFile(path, parse.GetValue(key))
                : Audit.VerifyStore(parse.GetValue(store)!, parse.GetValue(key));
            var (result, source) = (verified.Verification, verified.Source);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new { ok = result.Ok, verified = result.Verified, brokenEntry = result.BrokenSequence, reason = result.Reason }));
            }
            else if (result.Ok)
            {
                output.WriteLine($"{source}: {result.Verified} entries verified{(verified.SignerKeyId is null ? "" : $", all signed by {verified.SignerKeyId}")}");
            }
            else
            {
                output.WriteLine($"{source}: {result.Reason}; {result.Verified} entries before it verified");
            }
            return result.Ok ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
