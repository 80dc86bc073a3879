using System.Text.Json.Nodes;

namespace Steward.Core.GitOps.Diff;

/// <summary>One field that differs: its JSON pointer, the desired value and the live value (null where absent).</summary>
public sealed record FieldDiff(string Path, JsonNode? Desired, JsonNode? Live);
