using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Policy.Checks;

/// <summary>Builds finding subjects from repository objects, at the object or at one of its fields.</summary>
internal static class Subjects
{
    public static Subject Of(RepositoryObject obj, SourceLocation? at = null) => new()
    {
        File = obj.File,
        Line = (at ?? obj.Location).Line,
        Column = (at ?? obj.Location).Column,
        ApiVersion = obj.ApiVersion,
        Kind = obj.Kind,
        Name = obj.Name,
        Namespace = obj.Namespace,
    };

    public static Subject Of(ModelVersion model, SourceLocation? at = null) =>
        Of(model.Object, at) with { Model = model.Model, ModelVersion = model.Version };
}
