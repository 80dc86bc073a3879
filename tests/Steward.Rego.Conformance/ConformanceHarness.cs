using System.Collections.Immutable;
using System.Text.Json;
using Steward.Rego.Evaluation;
using Steward.Rego.Values;

namespace Steward.Rego.Conformance;

/// <summary>One case of OPA's compliance suite (see shared/conformance/README.md).</summary>
public sealed record ConformanceCase(string File, string Note, JsonElement Json);

/// <summary>The outcome of one case: passed, or what was wanted and what came out.</summary>
public sealed record CaseOutcome(ConformanceCase Case, bool Passed, string Wanted, string Got);

/// <summary>Loads the suite's JSON files and runs each case against <see cref="RegoEngine"/>.</summary>
public static class ConformanceHarness
{
    public static IEnumerable<ConformanceCase> Load(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (!doc.RootElement.TryGetProperty("cases", out var cases)) continue;
            foreach (var c in cases.EnumerateArray())
            {
                var note = c.TryGetProperty("note", out var n) ? n.GetString() ?? "" : "";
                yield return new ConformanceCase(Path.GetRelativePath(dir, file), note, c.Clone());
            }
        }
    }

    public static IReadOnlyList<CaseOutcome> RunAll(string dir, TimeSpan perCase)
        => [.. Load(dir).Select(c => Run(c, perCase))];

    public static CaseOutcome Run(ConformanceCase c, TimeSpan perCase)
    {
        var j = c.Json;
        var wantCode = j.TryGetProperty("want_error_code", out var wc) ? wc.GetString() : null;
        var wantError = j.TryGetProperty("want_error", out var we) ? we.GetString() : null;
        var wanted = wantCode is not null || wantError is not null
            ? $"error {wantCode} {wantError}"
            : j.TryGetProperty("want_result", out var wr) ? wr.GetRawText() : "(no result)";
        try
        {
            var got = Evaluate(j, perCase);
            if (wantCode is not null || wantError is not null)
                return new CaseOutcome(c, false, wanted, RegoJson.Serialize(got));
            var want = j.TryGetProperty("want_result", out var w) ? RegoJson.Parse(w.GetRawText()) : null;
            var sortBindings = j.TryGetProperty("sort_bindings", out var sb) && sb.ValueKind == JsonValueKind.True;
            if (sortBindings) { want = want is RegoArray wsa ? SortBindings(wsa) : want; got = SortBindings((RegoArray)got); }
            var passed = want is RegoArray wa ? SameResults(wa, (RegoArray)got) : ((RegoArray)got).Count == 0;
            return new CaseOutcome(c, passed, wanted, RegoJson.Serialize(got));
        }
        catch (RegoException e)
        {
            var passed = wantCode is not null ? e.Code == wantCode : wantError is not null && Renderings(e).Any(r => r.Contains(wantError, StringComparison.Ordinal));
            return new CaseOutcome(c, passed, wanted, $"error {e.Code}: {e.Message}");
        }
        catch (Exception e)
        {
            return new CaseOutcome(c, false, wanted, $"crash {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The ways OPA prints an error: message, "code: message", "file:line: code: message".</summary>
    private static IEnumerable<string> Renderings(RegoException e)
    {
        yield return e.Message;
        yield return $"{e.Code}: {e.Message}";
        if (e.Location is { } loc) yield return $"{loc.File}:{loc.Line}: {e.Code}: {e.Message}";
    }

    /// <summary>
    /// OPA's runner, given sort_bindings, sorts each binding that is an array (sets arrive as
    /// arrays) after conversion to JSON, so a set's order and a partial set's order do not matter.
    /// </summary>
    public static RegoArray SortBindings(RegoArray rows)
        => new(rows.Items.Select(row => row is RegoObject o
            ? new RegoObject(o.Items.ToImmutableSortedDictionary(p => p.Key, p => p.Value is RegoArray a ? new RegoArray(a.Items.Order(RegoValueComparer.Instance)) : p.Value, RegoValueComparer.Instance))
            : row));

    private static bool SameResults(RegoArray want, RegoArray got)
    {
        if (want.Count != got.Count) return false;
        var a = want.Items.Order(RegoValueComparer.Instance).ToList();
        var b = got.Items.Order(RegoValueComparer.Instance).ToList();
        return a.SequenceEqual(b);
    }

    /// <summary>
    /// Input and data as the CLI, check and the admission webhook read them: straight from UTF-8
    /// (RegoJsonDecoder), so the whole suite also runs on the decoder's compact objects.
    /// </summary>
    private static RegoValue Decode(JsonElement e) => Steward.Rego.Json.RegoJsonDecoder.Decode(System.Text.Encoding.UTF8.GetBytes(e.GetRawText()));

    /// <summary>Runs the case's query; returns its bindings as JSON values (sets become arrays).</summary>
    private static RegoValue Evaluate(JsonElement j, TimeSpan perCase)
    {
        var engine = new RegoEngine();
        if (j.TryGetProperty("modules", out var modules))
        {
            var i = 0;
            foreach (var m in modules.EnumerateArray()) engine.AddModule($"test-{i++}.rego", m.GetString() ?? "");
        }
        if (j.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object) engine.SetData(Decode(data));
        RegoValue? input = null;
        if (j.TryGetProperty("input", out var inp)) input = Decode(inp);
        else if (j.TryGetProperty("input_term", out var it)) input = engine.EvaluateTerm(it.GetString() ?? "null");
        var strict = j.TryGetProperty("strict_error", out var se) && se.ValueKind == JsonValueKind.True;
        var query = j.GetProperty("query").GetString() ?? "";
        var results = engine.Evaluate(query, input, new EvalOptions { StrictBuiltinErrors = strict, Timeout = perCase });
        var rows = results.Select(r => RegoJson.Parse(RegoJson.Serialize(RegoObject.FromStrings(r.Bindings))));
        return new RegoArray(rows);
    }
}
