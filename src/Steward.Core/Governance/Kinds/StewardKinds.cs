namespace Steward.Core.Governance.Kinds;

/// <summary>The custom kinds of the governance repository (apiVersion steward.dev/v1alpha1).</summary>
public static class StewardKinds
{
    public const string Group = "steward.dev";
    public const string ApiVersion = "steward.dev/v1alpha1";
    public const string Settings = "Settings";
    public const string ModelVersion = "ModelVersion";
    public const string Budget = "Budget";
    public const string Monitor = "Monitor";
    public const string PolicyException = "PolicyException";
    public const string PolicySet = "PolicySet";

    public static readonly IReadOnlyList<string> All = [Settings, ModelVersion, Budget, Monitor, PolicyException, PolicySet];

    public static bool IsStewardApiVersion(string apiVersion) =>
        apiVersion == Group || apiVersion.StartsWith(Group + "/", StringComparison.Ordinal);
}
