using Steward.Core.Application.Loop;

namespace Steward.Core.Application;

/// <summary>The control loop's use case: one run of its steps over a revision (the server schedules runs).</summary>
public sealed partial class StewardApplication
{
    public ControlLoop Loop { get; } = new();
}
