using System.Text;
using System.Text.Json;
using Steward.Core.FinOps.DropFolder;
using Steward.Core.Reporting;
using Steward.Core.Reporting.Costs;

namespace Steward.Cli.FinOps;

/// <summary>
/// What <c>steward cost import DIR</c> says: one line per run (imported, unchanged, waiting, failed),
/// or with <c>--format json</c> one JSON object per line (JSON Lines, so that <c>--watch</c> streams).
/// In watch mode a run's line is written again only when it changed, so a file that keeps waiting
/// does not repeat its line at every scan.
/// </summary>
internal sealed class DropFolderRenderer(TextWriter output, TextWriter error, bool json, bool onlyChanges)
{
    private readonly Dictionary<string, string> last = new(StringComparer.Ordinal);
    private readonly HashSet<string> leftOutShown = new(StringComparer.Ordinal);

    public void Write(DropFolderPass pass)
    {
        foreach (var line in pass.LeftOut.Where(leftOutShown.Add))
            error.WriteLine($"left out: {line}");
        foreach (var run in pass.Runs)
        {
            var changed = !last.TryGetValue(run.Run.Key, out var previous) || previous != run.Line;
            last[run.Run.Key] = run.Line;
            if (onlyChanges && !changed && run.Status != DropRunStatus.Imported)
                continue;
            if (onlyChanges && run.Status is DropRunStatus.Unchanged or DropRunStatus.Superseded)
                continue;
            if (json)
                output.WriteLine(Json(run));
            else if (run.Status == DropRunStatus.Failed)
                error.WriteLine("steward: " + run.Line);
            else
                output.WriteLine(run.Line);
        }
        if (!json && !onlyChanges && pass.Runs.Count == 0)
            output.WriteLine("no cost exports in the folder (.csv, .csv.gz, .parquet, or an AWS/Azure export manifest)");
    }

    private static string Json(DropRunOutcome run)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("status", run.Status.ToString().ToLowerInvariant());
            json.WriteString("run", run.Run.Key);
            json.WriteString("message", run.Line);
            if (run.Run.Manifest is { } m)
            {
                json.WriteString("provider", m.Provider);
                json.WriteString("export", m.Export);
                json.WriteString("billing_period_start", m.PeriodStart?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }
            json.WriteStartArray("files");
            foreach (var f in run.Files)
            {
                json.WriteStartObject();
                CostImportJson.ImportedFile(json, f);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("replaced_rows", run.Replaced.Sum(x => x.Rows));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
