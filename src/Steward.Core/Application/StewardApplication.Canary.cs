using Steward.Core.Application.Canary;

namespace Steward.Core.Application;

/// <summary>Canary analysis: Kayenta's judge over baseline and canary samples.</summary>
public sealed partial class StewardApplication
{
    public CanaryJudgeService Canary { get; } = new();
}
