namespace Steward.Rego.Builtins;

internal static class Units
{
    public static void Register(Registrar r) { _ = r; }
}
