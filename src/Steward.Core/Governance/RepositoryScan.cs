using Steward.Core.Governance.Kinds;

namespace Steward.Core.Governance;

/// <summary>Where the loader looked for objects: to say so when it found none.</summary>
/// <param name="Paths">The paths settings that chose the files.</param>
/// <param name="FilesRead">How many YAML/JSON files were read for objects.</param>
/// <param name="ChartFolders">The folders holding a Chart.yaml ("" for the root).</param>
/// <param name="RenderedStreams">How many --manifests inputs were given.</param>
public sealed record RepositoryScan(PathSettings Paths, int FilesRead, IReadOnlyList<string> ChartFolders, int RenderedStreams)
{
    /// <summary>
    /// The file names the rendered streams' objects carry (a --manifests file as given, &lt;stdin&gt;,
    /// Helm's # Source template names): not files of the repository folder.
    /// </summary>
    public IReadOnlySet<string> RenderedFiles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public static RepositoryScan None { get; } = new(PathSettings.Default, 0, [], 0);

    /// <summary>The repository is itself a Helm chart (Chart.yaml at its root).</summary>
    public bool IsHelmChart => ChartFolders.Contains("");

    /// <summary>
    /// Fails a check that would pass over nothing: a Helm chart given unrendered, or a repository in
    /// which no object was found. The message says where Steward looked and what to change.
    /// </summary>
    public static void RequireObjects(GovernanceRepository repository)
    {
        var scan = repository.Scan;
        var name = repository.DisplayName;
        if (scan.RenderedStreams > 0) return;
        if (scan.IsHelmChart)
            throw new StewardInputException(
                $"{name}: this is a Helm chart (Chart.yaml): its templates are not YAML until rendered; run `helm template {name} | steward check {name} --manifests -`");
        // Links leaving the root are error findings of their own (repository-link-outside): the check
        // fails on them, so it is no pass over nothing, and it names the links.
        if (repository.AllObjects.Any() || repository.LinksOutsideRoot.Count > 0) return;

        var looked = scan.Paths.Discover
            ? $"Steward read every .yaml, .yml and .json file outside hidden folders, {string.Join(", ", RepositoryLayout.NeverDiscovered)}, {RepositoryLayout.PolicyFolder}/ and Helm chart templates/ ({scan.FilesRead} file(s), no document with apiVersion and kind)"
            : $"Steward read paths.manifests [{string.Join(", ", scan.Paths.Manifests)}] of steward.yaml and {string.Join("/, ", RepositoryLayout.StewardFolders)}/ ({scan.FilesRead} file(s), no object)";
        var charts = scan.ChartFolders.Count > 0
            ? $"; render the Helm chart(s) {string.Join(", ", scan.ChartFolders)} with `helm template CHART | steward check {name} --manifests -`"
            : "";
        throw new StewardInputException(
            $"{name}: no Kubernetes objects found: {looked}; set paths.manifests in steward.yaml to where your manifests are, or pass rendered manifests with --manifests FILE|-{charts}");
    }
}
