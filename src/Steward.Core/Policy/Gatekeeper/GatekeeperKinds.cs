using Steward.Core.Governance;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// The kinds Gatekeeper defines: ConstraintTemplates (templates.gatekeeper.sh) and the constraints
/// they declare (constraints.gatekeeper.sh, one kind per template), and the names of its target and
/// enforcement points.
/// </summary>
public static class GatekeeperKinds
{
    public const string TemplatesGroup = "templates.gatekeeper.sh";
    public const string ConstraintsGroup = "constraints.gatekeeper.sh";
    public const string ConstraintTemplate = "ConstraintTemplate";

    /// <summary>The only target Gatekeeper reviews Kubernetes objects with.</summary>
    public const string AdmissionTarget = "admission.k8s.gatekeeper.sh";

    /// <summary>The admission webhook's enforcement point (scopedEnforcementActions).</summary>
    public const string ValidationPoint = "validation.gatekeeper.sh";

    /// <summary>The audit's enforcement point: what already runs (Steward's live audit).</summary>
    public const string AuditPoint = "audit.gatekeeper.sh";

    /// <summary>gator's enforcement point: shift-left checks of manifests, which is what <c>steward check</c> is.</summary>
    public const string GatorPoint = "gator.gatekeeper.sh";

    public static bool IsTemplate(RepositoryObject obj) => obj.Group == TemplatesGroup && obj.Kind == ConstraintTemplate;

    public static bool IsConstraint(RepositoryObject obj) => obj.Group == ConstraintsGroup;

    /// <summary>Templates, constraints and its Config configure Gatekeeper; they are not objects it reviews.</summary>
    public static bool IsGatekeeperObject(RepositoryObject obj) => IsTemplate(obj) || IsConstraint(obj) || GatekeeperConfig.IsConfig(obj);
}
