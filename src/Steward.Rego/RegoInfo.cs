namespace Steward.Rego;
/// <summary>Placeholder so the assembly is not empty until the engine lands.</summary>
public static class RegoInfo { public const string Name = "Steward.Rego"; }
