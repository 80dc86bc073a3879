using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>providers.aws.sign_req: AWS Signature Version 4, as OPA computes it (no I/O).</summary>
internal static class Aws
{
    private const string Fn = "providers.aws.sign_req";
    private static readonly HashSet<string> Ignored = ["authorization", "user-agent", "x-amzn-trace-id", "expect"];

    public static void Register(Registrar r) => r.Add(Fn, a => Sign(Obj(Fn, a, 0), Obj(Fn, a, 1), a[2]), 3);

    private static RegoValue Sign(RegoObject req, RegoObject config, RegoValue timeArg)
    {
        var missing = new[] { "method", "url" }.Where(k => req.Get(k) is null).ToList();
        if (missing.Count > 0) throw TypeErr(1, $"missing required request parameters(s): {Set(missing)}");
        var invalid = new[] { "method", "url" }.Where(k => req.Get(k) is not RegoString).ToList();
        if (invalid.Count > 0) throw TypeErr(1, $"invalid values for required request parameters(s): {Set(invalid)}");
        string[] required = ["aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"];
        var missingCfg = required.Where(k => config.Get(k) is null).ToList();
        if (missingCfg.Count > 0) throw TypeErr(2, $"missing required AWS config parameters(s): {Set(missingCfg)}");
        var invalidCfg = required.Where(k => config.Get(k) is not RegoString).ToList();
        if (invalidCfg.Count > 0) throw TypeErr(2, $"invalid values for required AWS config parameters(s): {Set(invalidCfg)}");
        var disablePayloadSigning = false;
        if (config.Get("disable_payload_signing") is { } dps)
            disablePayloadSigning = dps is RegoBool db ? db.Value : throw TypeErr(2, "invalid value for 'disable_payload_signing' in AWS config");
        if (timeArg is not RegoNumber tn || !tn.IsInteger || tn.Sign < 0 || tn.AsBigInteger < long.MinValue || tn.AsBigInteger > long.MaxValue)
            throw TypeErr(3, "could not convert time_ns value into a unix timestamp");

        string S(RegoObject o, string k) => ((RegoString)o.Get(k)!).Value;
        var method = S(req, "method");
        var url = new Uri(S(req, "url"));
        var service = S(config, "aws_service");
        var region = S(config, "aws_region");
        var session = config.Get("aws_session_token") is RegoString st ? st.Value : "";
        var body = req.Get("raw_body") is RegoString rb ? rb.Value : req.Get("body") is { } b ? RegoJson.Serialize(b) : "";
        var contentSha = disablePayloadSigning ? "UNSIGNED-PAYLOAD" : Hex(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
        var now = DateTimeOffset.UnixEpoch.AddTicks((long)(tn.AsBigInteger / 100));
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var stamp = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        var host = url.IsDefaultPort ? url.Host : url.Host + ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        var awsHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host, ["x-amz-date"] = stamp };
        if (service is "s3" or "glacier") awsHeaders["x-amz-content-sha256"] = contentSha;
        if (session.Length > 0) awsHeaders["x-amz-security-token"] = session;
        var signed = new SortedDictionary<string, string>(awsHeaders, StringComparer.Ordinal);
        var reqHeaders = req.Get("headers") as RegoObject ?? RegoObject.Empty;
        foreach (var kv in reqHeaders.Items)
        {
            var name = ((RegoString)kv.Key).Value.ToLowerInvariant();
            if (!Ignored.Contains(name)) signed[name] = kv.Value is RegoString hv ? hv.Value : RegoJson.Serialize(kv.Value);
        }
        var rawPath = url.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        var path = rawPath.Length == 0 && !S(req, "url").TrimEnd().EndsWith('/') ? "" : "/" + rawPath;
        var query = url.Query.TrimStart('?');
        var canonical = new StringBuilder();
        canonical.Append(method).Append('\n').Append(path).Append('\n').Append(query).Append('\n');
        foreach (var (k, v) in signed) canonical.Append(k).Append(':').Append(v).Append('\n');
        canonical.Append('\n');
        var headerList = string.Join(';', signed.Keys);
        canonical.Append(headerList).Append('\n').Append(contentSha);

        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{Hex(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Mac(System.Text.Encoding.UTF8.GetBytes("AWS4" + S(config, "aws_secret_access_key")), date);
        key = Mac(key, region);
        key = Mac(key, service);
        key = Mac(key, "aws4_request");
        var signature = Hex(Mac(key, toSign));
        var auth = $"AWS4-HMAC-SHA256 Credential={S(config, "aws_access_key")}/{scope},SignedHeaders={headerList},Signature={signature}";

        var headers = reqHeaders;
        foreach (var (k, v) in awsHeaders) headers = headers.Set(new RegoString(k), new RegoString(v));
        headers = headers.Set(new RegoString("Authorization"), new RegoString(auth));
        return req.Set(new RegoString("headers"), headers);
    }

    private static string Set(IEnumerable<string> keys) => "{" + string.Join(", ", keys.Select(k => "\"" + k + "\"")) + "}";

    private static RegoException TypeErr(int operand, string msg) => new(RegoErrorCodes.EvalType, $"{Fn}: operand {operand} {msg}");

    private static byte[] Mac(byte[] key, string data) => HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();
}
