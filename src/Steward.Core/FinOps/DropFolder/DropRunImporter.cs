using System.Globalization;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Restatement;
using Steward.Core.Reporting;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// Imports one run of an export in one transaction. Files whose content was imported before are not
/// loaded again (the store's content-hash idempotency) but stay part of the run: their charges are
/// kept, while the charges of every other earlier import with the same (ProviderName,
/// BillingAccountId, BillingPeriodStart) as the run's new rows are deleted. So after the run, each of
/// its billing periods holds exactly the run's rows, whether the export restated the period with new
/// file names (Azure: a folder per run), with the same names (AWS overwrite), or only some parts changed.
/// </summary>
internal static class DropRunImporter
{
    public static DropRunOutcome Import(IStewardStore store, ExportRun run, string displayFolder,
        IReadOnlyDictionary<string, string> hashes, IProgress<string>? progress)
    {
        var known = store.Imports(FocusImporter.Kind).GroupBy(r => r.Sha256).ToDictionary(g => g.Key, g => g.First().ImportId);
        var keep = run.Files.Where(f => known.ContainsKey(hashes[f.RelativePath])).Select(f => known[hashes[f.RelativePath]]).ToHashSet();
        var fresh = run.Files.Where(f => !known.ContainsKey(hashes[f.RelativePath])).ToList();
        if (fresh.Count == 0)
            return new DropRunOutcome(run, DropRunStatus.Unchanged, $"{run.Label}: unchanged ({Files(run.Files.Count)} imported before)");

        var replacement = new BillingPeriodReplacement(keep);
        var bytes = fresh.Sum(f => f.Length);
        progress?.Report($"{run.Label}: importing {Files(fresh.Count)} ({Size(bytes)})");
        var loaded = 0;
        var paths = run.Files.Select(f => Path.Combine(displayFolder, f.RelativePath)).ToList();
        var results = new FocusImporter(store).Import(paths, context =>
        {
            replacement.AfterInsert(context);
            loaded++;
            // One line per file: a Parquet part of a large account takes minutes, and this says which.
            progress?.Report($"  {loaded}/{fresh.Count} {Path.GetFileName(context.Path)} loaded");
        });

        var added = results.Where(r => !r.AlreadyImported).ToList();
        var rows = added.Sum(r => r.Rows);
        var money = string.Join(" + ", added.SelectMany(r => r.BilledCost).GroupBy(a => a.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{Money.Exact(g.Sum(a => a.Amount))} {g.Key}"));
        var line = $"{run.Label}: imported {Files(added.Count)}, {rows.ToString("N0", CultureInfo.InvariantCulture)} rows, BilledCost {(money.Length == 0 ? "0" : money)}";
        if (keep.Count > 0)
            line += $"; kept {Files(run.Files.Count - fresh.Count)} imported before";
        if (replacement.Replaced.Count > 0)
        {
            var periods = replacement.Replaced
                .Select(x => $"{x.ProviderName ?? "(no provider)"} {(x.BillingPeriodStart is { } p ? p.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "(no period)")}")
                .Distinct().Order(StringComparer.Ordinal);
            line += $"; restated: replaced {replacement.Replaced.Sum(x => x.Rows).ToString("N0", CultureInfo.InvariantCulture)} earlier rows of {string.Join(", ", periods)}";
        }
        return new DropRunOutcome(run, DropRunStatus.Imported, line) { Files = results, Replaced = replacement.Replaced };
    }

    private static string Files(int n) => n == 1 ? "1 file" : $"{n.ToString(CultureInfo.InvariantCulture)} files";

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{(bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture)} GiB",
        >= 1L << 20 => $"{(bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture)} MiB",
        >= 1L << 10 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KiB",
        _ => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
    };
}
