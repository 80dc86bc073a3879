using Steward.Core.Application.Explainability;

namespace Steward.Core.Application;

/// <summary>Explainability: permutation importance of logged models and its drift.</summary>
public sealed partial class StewardApplication
{
    public ImportanceService Importance { get; } = new();
}
