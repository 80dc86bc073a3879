using Steward.Core.SupplyChain.Artifacts;
using Steward.Core.SupplyChain.Sbom;

namespace Steward.Core.Reporting.SupplyChain;

/// <summary>The JSON of <c>steward model digest</c> and <c>steward sbom read</c>; non-ASCII kept readable.</summary>
public static class SupplyChainJson
{
    public static string Digest(ArtifactDigest digest) => JsonValues.Document(w =>
    {
        w.WriteStartObject();
        w.WriteString("sha256", digest.Sha256);
        w.WriteString("kind", digest.IsDirectory ? "folder" : "file");
        w.WriteStartArray("files");
        foreach (var f in digest.Files)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteString("sha256", f.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }, relaxedEscaping: true);

    public static string Components(SbomDocument bom) => JsonValues.Document(w =>
    {
        w.WriteStartObject();
        w.WriteString("format", bom.Format);
        w.WriteStartArray("components");
        foreach (var c in bom.Components)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.StringOrNull("group", c.Group);
            w.StringOrNull("version", c.Version);
            w.StringOrNull("purl", c.Purl);
            w.StringOrNull("type", c.Type);
            w.Strings("licenses", c.Licenses);
            w.WriteStartObject("hashes");
            foreach (var (alg, value) in c.Hashes) w.WriteString(alg, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }, relaxedEscaping: true);
}
