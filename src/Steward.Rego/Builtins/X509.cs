using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>crypto.x509.* and crypto.parse_private_keys: certificates as objects shaped like Go's x509.Certificate (main fields).</summary>
internal static class X509
{
    public static void Register(Registrar r)
    {
        r.Add("crypto.x509.parse_certificates", a =>
            new RegoArray(Certificates("crypto.x509.parse_certificates", Str("crypto.x509.parse_certificates", a, 0)).Select(ToValue)), 1);
        r.Add("crypto.x509.parse_and_verify_certificates", a =>
        {
            const string fn = "crypto.x509.parse_and_verify_certificates";
            var certs = Certificates(fn, Str(fn, a, 0));
            var invalid = new RegoArray([RegoBool.False, RegoArray.Empty]);
            if (certs.Count < 2) return invalid;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            // As OPA: the first certificate is the root, the last the leaf; the result runs leaf to root.
            chain.ChainPolicy.CustomTrustStore.Add(certs[0]);
            foreach (var c in certs.Skip(1).SkipLast(1)) chain.ChainPolicy.ExtraStore.Add(c);
            if (!chain.Build(certs[^1])) return invalid;
            return new RegoArray([RegoBool.True, new RegoArray(chain.ChainElements.Select(e => ToValue(e.Certificate)))]);
        }, 1);
        r.Add("crypto.x509.parse_certificate_request", a =>
        {
            const string fn = "crypto.x509.parse_certificate_request";
            var s = Str(fn, a, 0);
            var text = Pem(s);
            try
            {
                var req = text.Contains("-----BEGIN", StringComparison.Ordinal)
                    ? CertificateRequest.LoadSigningRequestPem(text, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions)
                    : CertificateRequest.LoadSigningRequest(Convert.FromBase64String(s), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
                return RegoObject.FromStrings([new("Subject", Name(req.SubjectName))]);
            }
            catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
            {
                throw Error(fn, "invalid DER or PEM data");
            }
        }, 1);
        r.Add("crypto.x509.parse_keypair", a =>
        {
            const string fn = "crypto.x509.parse_keypair";
            var certs = Certificates(fn, Str(fn, a, 0));
            var keyText = Pem(Str(fn, a, 1));
            if (certs.Count == 0 || !keyText.Contains("-----BEGIN", StringComparison.Ordinal)) throw Error(fn, "failed to parse a certificate and key pair");
            try
            {
                using var withKey = X509Certificate2.CreateFromPem(certs[0].ExportCertificatePem(), keyText);
                _ = withKey;
            }
            catch (CryptographicException e) { throw Error(fn, e.Message); }
            return RegoObject.FromStrings([new("Certificate", new RegoArray(certs.Select(c => (RegoValue)new RegoString(Convert.ToBase64String(c.RawData)))))]);
        }, 2);
        r.Add("crypto.x509.parse_rsa_private_key", a =>
        {
            const string fn = "crypto.x509.parse_rsa_private_key";
            var text = Pem(Str(fn, a, 0));
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(text);
                return RsaJwk(rsa);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException) { throw Error(fn, "failed to parse RSA private key"); }
        }, 1);
        r.Add("crypto.parse_private_keys", a =>
        {
            const string fn = "crypto.parse_private_keys";
            var s = Str(fn, a, 0);
            if (s.Length == 0) return RegoNull.Instance;
            var text = Pem(s);
            var keys = new List<RegoValue>();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "-----BEGIN [A-Z ]+-----[^-]*-----END [A-Z ]+-----"))
            {
                var pem = m.Value;
                try
                {
                    using var rsa = RSA.Create();
                    rsa.ImportFromPem(pem);
                    keys.Add(RsaJwk(rsa));
                }
                catch (Exception e) when (e is CryptographicException or ArgumentException)
                {
                    try
                    {
                        using var ec = ECDsa.Create();
                        ec.ImportFromPem(pem);
                        keys.Add(RegoObject.FromStrings([new("kty", S("EC"))]));
                    }
                    catch (Exception e2) when (e2 is CryptographicException or ArgumentException) { }
                }
            }
            return new RegoArray(keys);
        }, 1);
    }

    private static string B64Url(byte[]? b) => b is null ? "" : Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static RegoObject RsaJwk(RSA rsa)
    {
        var p = rsa.ExportParameters(true);
        return RegoObject.FromStrings([
            new("kty", S("RSA")), new("n", S(B64Url(p.Modulus))), new("e", S(B64Url(p.Exponent))), new("d", S(B64Url(p.D))),
            new("p", S(B64Url(p.P))), new("q", S(B64Url(p.Q))), new("dp", S(B64Url(p.DP))), new("dq", S(B64Url(p.DQ))), new("qi", S(B64Url(p.InverseQ))),
        ]);
    }

    /// <summary>Input may be PEM text or base64 of PEM; otherwise it is returned as is (base64 DER).</summary>
    private static string Pem(string s)
    {
        if (s.Contains("-----BEGIN", StringComparison.Ordinal)) return s;
        var bytes = Encoding.TryBase64(s.Trim(), false);
        if (bytes is not null)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal)) return text;
        }
        return s;
    }

    private static List<X509Certificate2> Certificates(string fn, string s)
    {
        var text = Pem(s);
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                var col = new X509Certificate2Collection();
                col.ImportFromPem(text);
                if (col.Count == 0) throw Error(fn, "failed to find any PEM certificate");
                return [.. col];
            }
            var der = Encoding.TryBase64(s.Trim(), false) ?? throw Error(fn, "invalid DER or PEM data");
            var list = new List<X509Certificate2>();
            var offset = 0;
            while (offset < der.Length)
            {
                var len = DerLength(der, offset);
                list.Add(X509CertificateLoader.LoadCertificate(der.AsSpan(offset, len)));
                offset += len;
            }
            return list;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IndexOutOfRangeException)
        {
            throw Error(fn, "invalid DER or PEM data");
        }
    }

    /// <summary>Total length of the DER element at offset (so concatenated certificates can be split).</summary>
    private static int DerLength(byte[] der, int offset)
    {
        if (der[offset] != 0x30) throw new CryptographicException("not a DER sequence");
        int lenByte = der[offset + 1];
        if (lenByte < 0x80) return 2 + lenByte;
        var n = lenByte & 0x7f;
        var len = 0;
        for (var i = 0; i < n; i++) len = (len << 8) | der[offset + 2 + i];
        return 2 + n + len;
    }

    private static RegoObject Name(X500DistinguishedName dn)
    {
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var rdn in dn.EnumerateRelativeDistinguishedNames())
        {
            var key = rdn.GetSingleElementType().Value switch
            {
                "2.5.4.3" => "CommonName",
                "2.5.4.6" => "Country",
                "2.5.4.10" => "Organization",
                "2.5.4.11" => "OrganizationalUnit",
                "2.5.4.7" => "Locality",
                "2.5.4.8" => "Province",
                "2.5.4.5" => "SerialNumber",
                _ => null,
            };
            if (key is null) continue;
            if (!fields.TryGetValue(key, out var l)) fields[key] = l = [];
            l.Add(rdn.GetSingleElementValue() ?? "");
        }
        var items = new List<KeyValuePair<string, RegoValue>>
        {
            new("CommonName", S(fields.TryGetValue("CommonName", out var cn) ? cn[0] : "")),
            new("SerialNumber", S(fields.TryGetValue("SerialNumber", out var sn) ? sn[0] : "")),
        };
        foreach (var k in new[] { "Country", "Organization", "OrganizationalUnit", "Locality", "Province" })
            items.Add(new(k, fields.TryGetValue(k, out var v) ? new RegoArray(v.Select(S)) : RegoNull.Instance));
        return RegoObject.FromStrings(items);
    }

    private static RegoValue ToValue(X509Certificate2 c)
    {
        var dns = new List<RegoValue>();
        var uris = new List<RegoValue>();
        var emails = new List<RegoValue>();
        var ips = new List<RegoValue>();
        foreach (var ext in c.Extensions)
        {
            if (ext is X509SubjectAlternativeNameExtension san)
            {
                dns.AddRange(san.EnumerateDnsNames().Select(S));
                ips.AddRange(san.EnumerateIPAddresses().Select(i => S(i.ToString())));
            }
        }
        // URIs and e-mail addresses: the SAN extension's text form lists them.
        var sanExt = c.Extensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        if (sanExt is not null)
        {
            var reader = new System.Formats.Asn1.AsnReader(sanExt.RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag.TagClass == System.Formats.Asn1.TagClass.ContextSpecific && tag.TagValue == 6)
                    uris.Add(S(reader.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, tag)));
                else if (tag.TagClass == System.Formats.Asn1.TagClass.ContextSpecific && tag.TagValue == 1)
                    emails.Add(S(reader.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, tag)));
                else reader.ReadEncodedValue();
            }
        }
        RegoValue ListOrNull(List<RegoValue> l) => l.Count == 0 ? RegoNull.Instance : new RegoArray(l);
        var basic = c.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        return RegoObject.FromStrings([
            new("Subject", Name(c.SubjectName)),
            new("Issuer", Name(c.IssuerName)),
            new("SerialNumber", RegoNumber.FromInteger(new System.Numerics.BigInteger(c.GetSerialNumber(), isUnsigned: true))),
            new("Version", RegoNumber.FromInteger(c.Version)),
            new("NotBefore", S(c.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))),
            new("NotAfter", S(c.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))),
            new("DNSNames", ListOrNull(dns)),
            new("URIStrings", ListOrNull(uris)),
            new("EmailAddresses", ListOrNull(emails)),
            new("IPAddresses", ListOrNull(ips)),
            new("IsCA", B(basic?.CertificateAuthority ?? false)),
            new("Raw", S(Convert.ToBase64String(c.RawData))),
        ]);
    }
}
