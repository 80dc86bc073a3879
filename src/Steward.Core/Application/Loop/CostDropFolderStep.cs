using System.Globalization;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.DropFolder;

namespace Steward.Core.Application.Loop;

/// <summary>
/// The serve loop's source of cloud cost exports (<c>steward serve --cost-drop DIR</c>): one scan of
/// the drop folder per loop run. The step lives as long as the server, so the previous run's scan is
/// the first look at a file and this run's the second: a file synced without a manifest that gives its
/// size is imported by the first run that sees it unchanged since the run before.
/// </summary>
public sealed class CostDropFolderStep(DropFolder folder, CostDropFolderService service) : ILoopStep
{
    public const string StepName = "cost-drop";

    public CostDropFolderStep(string folder) : this(new DropFolder(folder), new CostDropFolderService()) { }

    public string Name => StepName;

    public Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        var pass = service.Scan(context.Store, folder, progress: null, cancellationToken);
        var summary = Summary(pass);
        return Task.FromResult(pass.Failed
            ? LoopStepOutcome.Failed(Name, summary)
            : new LoopStepOutcome(Name, LoopStepStatus.Succeeded, summary));
    }

    /// <summary>"imported 1 run (...); 2 unchanged; 1 waiting (...)": the failures' and imports' own lines first.</summary>
    internal static string Summary(DropFolderPass pass)
    {
        var parts = new List<string>();
        parts.AddRange(pass.Runs.Where(r => r.Status == DropRunStatus.Failed).Select(r => r.Line));
        parts.AddRange(pass.Runs.Where(r => r.Status == DropRunStatus.Imported).Select(r => r.Line));
        foreach (var (status, word) in new[] { (DropRunStatus.Unchanged, "unchanged"), (DropRunStatus.Waiting, "waiting"), (DropRunStatus.Superseded, "superseded") })
        {
            var n = pass.Count(status);
            if (n > 0)
                parts.Add($"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? "run" : "runs")} {word}");
        }
        return parts.Count == 0 ? EmptyFolder : string.Join("; ", parts);
    }

    private const string EmptyFolder = "no cost exports in the drop folder";
}
