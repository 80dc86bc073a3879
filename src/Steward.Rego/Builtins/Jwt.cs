namespace Steward.Rego.Builtins;

internal static class Jwt
{
    public static void Register(Registrar r) { _ = r; }
}
