using Steward.Core.Application.Admission;
using Steward.Core.Findings;
using Steward.Core.Governance;

namespace Steward.Core.Application;

/// <summary>The admission webhook's use case: a revision prepared once, then one review per request.</summary>
public sealed partial class StewardApplication
{
    /// <summary>
    /// Prepares a revision for admission reviews (policies compiled, workloads read, the findings no
    /// manifest changes found). Do it once per served revision and share the result.
    /// </summary>
    /// <param name="openBreaches">The open monitor breaches of the store, as <c>steward check --store</c> adds them; none by default.</param>
    /// <exception cref="StewardInputException">The revision cannot be checked (as <c>steward check</c> would say).</exception>
    public AdmissionRevision PrepareAdmission(GovernanceRepository repository, IReadOnlyList<Finding>? openBreaches = null) =>
        AdmissionRevision.Prepare(repository, openBreaches, withPolicies: Options.PolicyEvaluatorFactory() is not null, Options.Clock);

    /// <summary>Reviews an AdmissionReview read from a request body and writes the AdmissionReview that answers it.</summary>
    /// <exception cref="StewardInputException">The body is not an admission.k8s.io/v1 AdmissionReview (HTTP 400).</exception>
    public AdmissionAnswer Admit(AdmissionRevision revision, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        using var request = AdmissionReviewReader.Read(body);
        var decision = AdmissionReviewer.Review(revision, request, cancellationToken);
        return new AdmissionAnswer(decision, request.Operation, request.Kind, request.Namespace, request.Name, request.DryRun, AdmissionResponseWriter.Write(decision));
    }
}
