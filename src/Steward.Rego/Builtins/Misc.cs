using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>Runtime information, tracing, and builtins that are disabled (no I/O).</summary>
internal static class Misc
{
    public static void Register(Registrar r)
    {
        r.Add("opa.runtime", a => RegoObject.Empty, 0);
        r.Add("trace", a => { Str("trace", a, 0); return RegoBool.True; }, 1);
        r.Add("http.send", a => throw Error("http.send", "http.send is disabled: the engine performs no I/O"), 1);
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
