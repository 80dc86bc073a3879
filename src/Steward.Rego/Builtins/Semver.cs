namespace Steward.Rego.Builtins;

internal static class Semver
{
    public static void Register(Registrar r) { _ = r; }
}
