using System.Text.Json.Serialization;

namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>The source-generated JSON of a pod's labels (<c>cost_usage.labels</c>); keys sorted by the caller.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class LabelsJson : JsonSerializerContext;
