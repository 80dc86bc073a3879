namespace Steward.Rego.Builtins;

internal static class Time
{
    public static void Register(Registrar r) { _ = r; }
}
