using System.Globalization;
using System.Text;

namespace Steward.Benchmarks.Rego;

/// <summary>
/// The JSON array of Deployments bench/compare/rego/generate.py writes, byte for byte (its
/// separators are "," and ":" without spaces): 20,000 of them are 12,833,361 bytes.
/// </summary>
internal static class DeploymentList
{
    public static string Json(int count)
    {
        var sb = new StringBuilder(count * 650);
        sb.Append('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            var costCenter = i % 3 != 0 ? $",\"cost-center\":\"cc-{i % 20}\"" : "";
            var cpu = i % 5 != 0 ? (i % 7 == 0 ? ",\"cpu\":\"4\"" : ",\"cpu\":\"500m\"") : "";
            sb.Append(CultureInfo.InvariantCulture,
                $"{{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{{\"name\":\"svc-{i}\",\"namespace\":\"ns-{i % 50}\",\"labels\":{{\"app\":\"svc-{i}\",\"team\":\"team-{i % 20}\"{costCenter}}},\"generation\":{1 + i % 4}}},\"spec\":{{\"replicas\":{1 + i % 5},\"selector\":{{\"matchLabels\":{{\"app\":\"svc-{i}\"}}}},\"template\":{{\"metadata\":{{\"labels\":{{\"app\":\"svc-{i}\"}}}},\"spec\":{{\"containers\":[{{\"name\":\"main\",\"image\":\"registry.example.com/team-{i % 20}/svc:{1 + i % 30}.{i % 10}.0\",\"ports\":[{{\"containerPort\":8080,\"protocol\":\"TCP\"}}],\"resources\":{{\"limits\":{{\"memory\":\"1Gi\"{cpu}}},\"requests\":{{\"cpu\":\"100m\",\"memory\":\"256Mi\"}}}}}},{{\"name\":\"sidecar\",\"image\":\"registry.example.com/proxy:2.1.0\",\"resources\":{{\"limits\":{{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}}}}]}}}}}}}}");
        }
        sb.Append("]\n");
        return sb.ToString();
    }
}
