namespace Steward.Rego.Builtins;

/// <summary>X.509 certificate parsing (crypto.x509.*).</summary>
internal static class X509
{
    public static void Register(Registrar r) { _ = r; }
}
