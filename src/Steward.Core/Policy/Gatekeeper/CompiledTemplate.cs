using System.Text.Json.Nodes;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>One violation of a constraint: its <c>msg</c>, and its <c>details</c> when the template gives any.</summary>
public sealed record Violation(string Message, JsonNode? Details);

/// <summary>
/// A ConstraintTemplate's Rego compiled: its modules (the target's rego and libs) in one engine, and
/// the query of its <c>violation</c> set. Compile errors are input errors placed in the template's
/// file (line of the Rego inside the YAML). Evaluations may run concurrently once compiled, as long
/// as nobody changes the engine's data (<see cref="SuiteVerifier"/> sets it per case, under a lock).
/// </summary>
public sealed class CompiledTemplate
{
    private static readonly RegoString MsgKey = new("msg");
    private static readonly RegoString DetailsKey = new("details");
    private static readonly System.Text.Json.JsonDocumentOptions DetailsOptions = new() { MaxDepth = 1000 };
    private const string ResultVar = "violations";

    private CompiledTemplate(TemplateDefinition definition, RegoEngine engine, Body query)
    {
        Definition = definition;
        Engine = engine;
        Query = query;
    }

    public TemplateDefinition Definition { get; }

    /// <summary>The constraint kind the template declares.</summary>
    public string Kind => Definition.Kind;

    public RegoEngine Engine { get; }

    public Body Query { get; }

    /// <param name="v0Compatible">Whether the template's <c>rego</c> is read with v0 syntax (Gatekeeper does; <c>code</c> with version v1 is always v1).</param>
    /// <param name="lines">The template file's lines, to place errors exactly; without them the line is exact and the column the Rego's own.</param>
    /// <param name="data">The base document (data.inventory), set before compilation; null: set later.</param>
    /// <exception cref="StewardInputException">The Rego does not parse or compile: file:line:column of the template.</exception>
    public static CompiledTemplate Compile(TemplateDefinition definition, bool v0Compatible, string[]? lines = null, RegoValue? data = null, RegoCapabilities? capabilities = null)
    {
        var file = definition.File;
        var engine = new RegoEngine(new RegoEngineOptions { V0Compatible = v0Compatible && !definition.RegoV1, Capabilities = capabilities });
        var offsets = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var sources = new List<YamlScalarNode> { definition.Rego };
        sources.AddRange(definition.Libs);
        string? package = null;
        try
        {
            for (var i = 0; i < sources.Count; i++)
            {
                var moduleName = i == 0 ? file : $"{file}#lib{i}";
                offsets[moduleName] = Offset(sources[i], lines);
                var module = engine.AddModule(moduleName, sources[i].Value ?? "");
                if (i == 0) package = "data" + string.Concat(module.Package.Select(p => "[" + RegoJson.Serialize(new RegoString(p)) + "]"));
            }
            if (data is not null) engine.SetData(data);
            engine.Compile();
        }
        catch (RegoException e)
        {
            throw new StewardInputException(Reposition(e, file, offsets).Describe(), e);
        }
        return new CompiledTemplate(definition, engine, RegoEngine.ParseQuery($"{ResultVar} := {package}.violation"));
    }

    /// <summary>The violations of one review: the set <c>violation[{"msg": ..., "details": ...}]</c>.</summary>
    /// <exception cref="RegoException">Evaluation failed (a limit, a cancellation, a type or builtin error).</exception>
    public IReadOnlyList<Violation> Violations(RegoValue input, EvalOptions options)
    {
        var results = Engine.Evaluate(Query, input, options);
        var violations = new List<Violation>();
        if (results.Count > 0 && results[0].Bindings.TryGetValue(ResultVar, out var set) && set is RegoSet items)
        {
            foreach (var v in items.Items)
            {
                var message = v is RegoObject o && o.Get(MsgKey) is RegoString s ? s.Value : "";
                var details = v is RegoObject d && d.Get(DetailsKey) is { } value
                    ? JsonNode.Parse(RegoJson.Serialize(value), documentOptions: DetailsOptions)
                    : null;
                violations.Add(new Violation(message, details));
            }
        }
        return violations;
    }

    /// <summary>Where a block scalar's first content line sits in the file, and its indentation.</summary>
    private static (int Line, int Column) Offset(YamlScalarNode node, string[]? lines)
    {
        var line = (int)node.Start.Line; // 1-based line of the '|' indicator
        if (node.Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            if (lines is null) return (line, 0); // without the text the indentation is unknown: the column is the Rego's own
            var first = line; // index of the next line in 0-based terms
            while (first < lines.Length && lines[first].Trim().Length == 0) first++;
            var indent = first < lines.Length ? lines[first].Length - lines[first].TrimStart().Length : 0;
            return (line, indent);
        }
        return (line - 1, (int)node.Start.Column - 1);
    }

    private static RegoException Reposition(RegoException e, string file, Dictionary<string, (int Line, int Column)> offsets)
    {
        if (e.Location is not { } loc || !offsets.TryGetValue(loc.File, out var off)) return e;
        var label = loc.File == file ? file : file + " (lib " + loc.File[(loc.File.LastIndexOf('#') + 4)..] + ")";
        var moved = new SourceLocation(label, loc.Line + off.Line, loc.Column + off.Column, loc.SourceLine is null ? null : new string(' ', off.Column) + loc.SourceLine);
        return new RegoException(e.Code, e.Message, moved, e);
    }
}
