namespace Steward.Rego.Builtins;

internal static class Crypto
{
    public static void Register(Registrar r) { _ = r; }
}
