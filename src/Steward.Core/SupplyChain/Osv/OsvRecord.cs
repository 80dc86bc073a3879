using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Core.SupplyChain.Osv;

/// <summary>One vulnerability in the OSV schema (https://ossf.github.io/osv-schema/), the fields Steward reads.</summary>
public sealed record OsvRecord
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("modified")] public string? Modified { get; init; }
    [JsonPropertyName("withdrawn")] public string? Withdrawn { get; init; }
    [JsonPropertyName("aliases")] public List<string>? Aliases { get; init; }
    [JsonPropertyName("summary")] public string? Summary { get; init; }
    [JsonPropertyName("severity")] public List<OsvSeverity>? Severity { get; init; }
    [JsonPropertyName("affected")] public List<OsvAffected>? Affected { get; init; }
    [JsonPropertyName("database_specific")] public JsonElement? DatabaseSpecific { get; init; }

    /// <summary>The file the record was read from, for error messages and evidence.</summary>
    [JsonIgnore] public string? SourceFile { get; init; }
}

/// <summary>A severity entry: type (CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu) and score (a vector for CVSS).</summary>
public sealed record OsvSeverity
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("score")] public string Score { get; init; } = "";
}

/// <summary>One affected package with its ranges and enumerated versions.</summary>
public sealed record OsvAffected
{
    [JsonPropertyName("package")] public OsvPackage? Package { get; init; }
    [JsonPropertyName("ranges")] public List<OsvRange>? Ranges { get; init; }
    [JsonPropertyName("versions")] public List<string>? Versions { get; init; }
    [JsonPropertyName("severity")] public List<OsvSeverity>? Severity { get; init; }
    [JsonPropertyName("database_specific")] public JsonElement? DatabaseSpecific { get; init; }
}

public sealed record OsvPackage
{
    [JsonPropertyName("ecosystem")] public string Ecosystem { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("purl")] public string? Purl { get; init; }
}

/// <summary>A range: type SEMVER, ECOSYSTEM or GIT, and its events.</summary>
public sealed record OsvRange
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("repo")] public string? Repo { get; init; }
    [JsonPropertyName("events")] public List<OsvEvent> Events { get; init; } = [];
}

/// <summary>Exactly one of the four fields is set.</summary>
public sealed record OsvEvent
{
    [JsonPropertyName("introduced")] public string? Introduced { get; init; }
    [JsonPropertyName("fixed")] public string? Fixed { get; init; }
    [JsonPropertyName("last_affected")] public string? LastAffected { get; init; }
    [JsonPropertyName("limit")] public string? Limit { get; init; }
}
