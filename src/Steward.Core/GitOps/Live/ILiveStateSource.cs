using System.Text.Json.Nodes;

namespace Steward.Core.GitOps.Live;

/// <summary>Where the live state comes from: files of <c>kubectl get -o json|yaml</c> output, or a cluster.</summary>
public interface ILiveStateSource
{
    string DisplayName { get; }

    /// <summary>
    /// The live objects of the kinds and namespaces of <paramref name="desired"/> (a cluster is asked
    /// only for those; a file gives what it holds).
    /// </summary>
    Task<IReadOnlyList<JsonObject>> FetchAsync(IReadOnlyCollection<ObjectIdentity> desired, CancellationToken cancellationToken);
}
