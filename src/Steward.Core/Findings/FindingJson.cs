using Steward.Core.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Core.Findings;

/// <summary>Reads findings as <c>steward check --format json</c> (or any stage) writes them.</summary>
public static class FindingJson
{
    public static IReadOnlyList<Finding> ReadFile(string path)
    {
        if (!File.Exists(path)) throw new StewardInputException($"{path}: findings file not found");
        var root = JsonInput.ParseNode(JsonInput.ReadFile(path, ParseLimits.Default), path, ParseLimits.Default);
        var items = root switch
        {
            JsonObject o when o["findings"] is JsonArray a => a,
            JsonArray a => a,
            _ => throw new StewardInputException($"{path}: expected {{\"findings\": [...]}} or a list of findings"),
        };
        var findings = new List<Finding>();
        for (var i = 0; i < items.Count; i++)
            findings.Add(Read(items[i] as JsonObject ?? throw new StewardInputException($"{path}: findings[{i}]: expected an object"), $"{path}: findings[{i}]"));
        return findings;
    }

    public static Finding Read(JsonObject json, string where)
    {
        string Text(JsonNode? node, string field) =>
            node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new StewardInputException($"{where}.{field}: expected a string");
        string? Optional(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        int? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

        var ruleId = Text(json["ruleId"], "ruleId");
        var subject = json["subject"] as JsonObject ?? [];
        var severity = Text(json["severity"], "severity") switch
        {
            "info" => Severity.Info,
            "warning" => Severity.Warning,
            "error" => Severity.Error,
            "critical" => Severity.Critical,
            var other => throw new StewardInputException($"{where}.severity: unknown severity \"{other}\""),
        };
        var category = Text(json["category"], "category") switch
        {
            "policy" => Category.Policy,
            "alignment" => Category.Alignment,
            "finops" => Category.FinOps,
            "gitops" => Category.GitOps,
            "supply-chain" => Category.SupplyChain,
            var other => throw new StewardInputException($"{where}.category: unknown category \"{other}\""),
        };
        var evidence = new OrdinalDictionary<object?>.Builder();
        if (json["evidence"] is JsonObject e)
            foreach (var (key, value) in e) evidence[key] = value?.DeepClone();
        return new Finding
        {
            RuleId = ruleId,
            Severity = severity,
            Category = category,
            Message = Text(json["message"], "message"),
            SuggestedAction = Optional(json["suggestedAction"]),
            Evidence = evidence.ToDictionary(),
            Suppressed = json["suppressed"] is JsonObject suppressed
                ? new Suppression(
                    Text(suppressed["exception"], "suppressed.exception"),
                    Text(suppressed["reason"], "suppressed.reason"),
                    Text(suppressed["approver"], "suppressed.approver"),
                    Text(suppressed["expiresAt"], "suppressed.expiresAt"),
                    Optional(suppressed["ticket"]),
                    Optional(suppressed["file"]))
                : null,
            Subject = new Subject
            {
                File = Optional(subject["file"]),
                Line = Number(subject["line"]),
                Column = Number(subject["column"]),
                Kind = Optional(subject["kind"]),
                Name = Optional(subject["name"]),
                Namespace = Optional(subject["namespace"]),
                Model = Optional(subject["model"]),
                ModelVersion = Optional(subject["modelVersion"]),
                Scope = Optional(subject["scope"]),
            },
        };
    }
}
