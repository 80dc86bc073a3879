namespace Steward.Rego.Builtins;

internal static class Encoding
{
    public static void Register(Registrar r) { _ = r; }
}
