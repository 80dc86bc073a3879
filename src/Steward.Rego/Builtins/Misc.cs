using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>Runtime information, tracing, and builtins that are disabled (no I/O).</summary>
internal static class Misc
{
    private static readonly HashSet<string> HttpKeys =
    [
        "method", "url", "body", "raw_body", "headers", "enable_redirect", "force_json_decode", "force_yaml_decode", "tls_use_system_certs",
        "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable",
        "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name", "timeout", "cache",
        "force_cache", "force_cache_duration_seconds", "raise_error", "caching_mode", "max_retry_attempts", "cache_ignored_headers",
    ];

    public static void Register(Registrar r)
    {
        r.Add("opa.runtime", a => RegoObject.Empty, 0);
        r.Add("trace", a => { Str("trace", a, 0); return RegoBool.True; }, 1);
        r.Add("http.send", a =>
        {
            // Requests are validated as OPA does, then refused: the engine performs no I/O.
            var req = Obj("http.send", a, 0);
            var invalid = req.Items.Keys.Select(k => (k as RegoString)?.Value ?? RegoJson.Serialize(k)).Where(k => !HttpKeys.Contains(k)).Order(StringComparer.Ordinal).ToList();
            if (invalid.Count > 0)
                throw new RegoException(RegoErrorCodes.EvalType, "http.send: invalid request parameters(s): {" + string.Join(", ", invalid.Select(k => "\"" + k + "\"")) + "}");
            var missing = new[] { "method", "url" }.Where(k => req.Get(k) is null).ToList();
            if (missing.Count > 0)
                throw new RegoException(RegoErrorCodes.EvalType, "http.send: missing required request parameters(s): {" + string.Join(", ", missing.Select(k => "\"" + k + "\"")) + "}");
            throw Error("http.send", "http.send is disabled: the engine performs no I/O");
        }, 1);
        r.Add("net.lookup_ip_addr", a =>
        {
            // No DNS (no I/O): literal addresses resolve to themselves, localhost to loopback.
            var name = Str("net.lookup_ip_addr", a, 0);
            if (System.Net.IPAddress.TryParse(name, out var ip)) return new RegoSet([S(ip.ToString())]);
            if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return new RegoSet([S("127.0.0.1"), S("::1")]);
            throw Error("net.lookup_ip_addr", "DNS lookups are disabled: the engine performs no I/O");
        }, 1);
        r.Add("uuid.parse", a => Uuid.Parse(Str("uuid.parse", a, 0)), 1);
        r.Add("uuid.rfc4122", 1, (ctx, a) =>
        {
            var key = "uuid:" + Str("uuid.rfc4122", a, 0);
            if (!ctx.Cache.TryGetValue(key, out var v)) ctx.Cache[key] = v = S(Guid.NewGuid().ToString());
            return (RegoValue)v;
        });
    }
}
