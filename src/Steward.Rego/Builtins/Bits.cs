namespace Steward.Rego.Builtins;

internal static class Bits
{
    public static void Register(Registrar r) { _ = r; }
}
