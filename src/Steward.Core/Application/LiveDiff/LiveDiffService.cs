using Steward.Core.GitOps;
using Steward.Core.GitOps.Diff;
using Steward.Core.GitOps.Live;
using Steward.Core.Governance;

namespace Steward.Core.Application.LiveDiff;

/// <summary>
/// The live-diff use case (<c>steward diff</c>): the objects the repository declares, fetched from the
/// live state (kubectl output or a cluster), compared field by field as Argo CD's diff does.
/// </summary>
public sealed class LiveDiffService
{
    /// <param name="live">Makes the live-state source, once the repository has loaded (its errors come before any cluster is contacted).</param>
    public async Task<DiffReport> DiffAsync(string folder, Func<ILiveStateSource> live, CancellationToken cancellationToken = default)
    {
        var repository = RepositoryLoader.LoadFolder(folder);
        return await DiffAsync(repository, live(), cancellationToken);
    }

    /// <summary>Compares a repository loaded by the caller (the server keeps its revisions loaded).</summary>
    public async Task<DiffReport> DiffAsync(GovernanceRepository repository, ILiveStateSource live, CancellationToken cancellationToken = default)
    {
        var desired = repository.Manifests.Select(m => ObjectIdentity.Of(m.Json)).ToList();
        var liveObjects = await live.FetchAsync(desired, cancellationToken);
        return LiveStateDiffer.Compare(repository, liveObjects);
    }
}
