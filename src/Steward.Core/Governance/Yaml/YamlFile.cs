using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance.Yaml;

/// <summary>Something worth a warning in a YAML file that still loads (for example a duplicated key, last value wins).</summary>
/// <param name="Code">A stable code: <c>duplicate-key</c>.</param>
public sealed record YamlDiagnostic(string File, int Line, int Column, string Code, string Message);

/// <summary>The documents of a YAML file and the warnings met while reading it.</summary>
public sealed record YamlParseResult(IReadOnlyList<YamlNode> Documents, IReadOnlyList<YamlDiagnostic> Diagnostics);

/// <summary>Parses a multi-document YAML file, keeping every node's line and column.</summary>
public static class YamlFile
{
    /// <summary>The documents of <paramref name="text"/> in order, empty documents skipped.</summary>
    /// <exception cref="StewardInputException">The YAML is malformed; the message names file:line:column.</exception>
    public static IReadOnlyList<YamlNode> Parse(string file, string text) => Load(file, text).Documents;

    /// <summary>The documents of <paramref name="text"/> in order, empty documents skipped, with the warnings met.</summary>
    /// <exception cref="StewardInputException">The YAML is malformed; the message names file:line:column.</exception>
    public static YamlParseResult Load(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var reason = (ex.InnerException as YamlException)?.Message ?? ex.Message;
            // YamlDotNet prefixes its own "(Line: .., Col: ..)" position; ours comes first instead.
            var close = reason.IndexOf("): ", StringComparison.Ordinal);
            if (reason.StartsWith("(Line", StringComparison.Ordinal) && close > 0) reason = reason[(close + 3)..];
            throw new StewardInputException($"{file}:{ex.Start.Line}:{ex.Start.Column}: invalid YAML: {reason}", ex);
        }
        var documents = stream.Documents
            .Select(d => d.RootNode)
            .Where(n => n is not YamlScalarNode s || !YamlScalars.IsNull(s))
            .ToList();
        return new YamlParseResult(documents, []);
    }
}
