namespace Steward.Rego.Builtins;

internal static class Net
{
    public static void Register(Registrar r) { _ = r; }
}
