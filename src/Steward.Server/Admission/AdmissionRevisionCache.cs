using System.Runtime.CompilerServices;
using Steward.Core.Application;
using Steward.Core.Application.Admission;
using Steward.Server.Revisions;

namespace Steward.Server.Admission;

/// <summary>
/// The admission state of each served revision, prepared once (policies compiled, workloads read)
/// and shared by every review of that revision. Keyed by the revision instance, so a revision the
/// holder no longer serves is collected with its state; a revision that cannot be prepared keeps
/// failing fast with the same error.
/// </summary>
internal sealed class AdmissionRevisionCache(StewardApplication application)
{
    private readonly ConditionalWeakTable<ServedRevision, Lazy<AdmissionRevision>> _prepared = new();

    public StewardApplication Application => application;

    /// <exception cref="Core.StewardInputException">The revision cannot be checked (as <c>steward check</c> would say).</exception>
    public AdmissionRevision For(ServedRevision revision) =>
        _prepared.GetValue(revision, r => new Lazy<AdmissionRevision>(() => application.PrepareAdmission(r.Repository), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
