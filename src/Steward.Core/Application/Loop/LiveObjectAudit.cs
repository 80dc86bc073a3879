using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Application.Admission;
using Steward.Core.Findings;
using Steward.Core.GitOps;

namespace Steward.Core.Application.Loop;

/// <summary>
/// Live objects judged against the revision's rules and policies, as Gatekeeper's audit judges what
/// already runs (admission only sees what changes): each live object is reviewed as an UPDATE of
/// itself by the admission reviewer (same rules, same policies, same excluded namespaces, same time
/// budget per object), and the findings about the object itself are kept. They are gitops findings
/// about a live object (no file): the remediation planner leaves them to people, since Git may already
/// say otherwise and the reconciler re-applies it.
/// </summary>
public static class LiveObjectAudit
{
    /// <summary>The evidence key naming where the object was read (the cluster's API server).</summary>
    public const string SourceEvidence = "live";

    public static IReadOnlyList<Finding> Audit(AdmissionRevision revision, IReadOnlyList<JsonObject> live, string source, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var uid = 0;
        foreach (var obj in live)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var identity = ObjectIdentity.Of(obj);
            var apiVersion = obj["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            using var document = JsonDocument.Parse(obj.ToJsonString());
            using var request = new AdmissionRequest(document)
            {
                Uid = "audit-" + (++uid).ToString(CultureInfo.InvariantCulture),
                Operation = "UPDATE",
                Group = identity.Group,
                Version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..],
                Kind = identity.Kind,
                Namespace = identity.Namespace,
                Name = identity.Name,
                Object = document.RootElement,
                Audit = true,
            };
            var decision = AdmissionReviewer.Review(revision, request, cancellationToken);
            foreach (var found in decision.Findings.Select(f => f.Finding).Where(f => f.Subject.File == ReviewedObject.File))
            {
                var evidence = new Dictionary<string, object?>(found.Evidence) { [SourceEvidence] = source };
                findings.Add(found with
                {
                    Category = Category.GitOps,
                    Subject = found.Subject with { File = null, Line = null, Column = null },
                    Message = $"live {identity}: {found.Message}",
                    Evidence = evidence,
                });
            }
        }
        findings.Sort(FindingOrder.Instance);
        return findings;
    }
}
