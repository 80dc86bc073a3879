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
    /// <exception cref="StewardInputException">The YAML is malformed or over a limit of <see cref="ParseLimits.Default"/>; the message names file:line:column.</exception>
    public static YamlParseResult Load(string file, string text) => Load(file, text, ParseLimits.Default);

    /// <summary>As <see cref="Load(string, string)"/>, with the given limits.</summary>
    /// <exception cref="StewardInputException">The YAML is malformed or over a limit; the message names file:line:column and the limit.</exception>
    public static YamlParseResult Load(string file, string text, ParseLimits limits) => Load(file, text, limits, simpleReader: true);

    /// <summary>As <see cref="Load(string, string, ParseLimits)"/>; <paramref name="simpleReader"/> false reads every file with YamlDotNet's parser (benchmarks compare the two).</summary>
    internal static YamlParseResult Load(string file, string text, ParseLimits limits, bool simpleReader)
    {
        CheckSize(file, text, limits.MaxYamlBytes);
        for (var attempt = 0; ; attempt++)
        {
            try { return LoadOnce(file, text, limits, simpleReader); }
            catch (StewardInputException e) when (attempt < GoYamlRetries && e.InnerException is YamlException y
                && ((y.InnerException as YamlException)?.Message ?? y.Message).Contains("multi-line double-quoted scalar, found wrong indentation", StringComparison.Ordinal))
            {
                // Kubernetes tools (go-yaml) accept continuation lines of a multi-line double-quoted
                // scalar indented no deeper than their key, which YamlDotNet rejects (the Gatekeeper
                // library has such templates). Leading spaces of a continuation line are folded away,
                // so indenting it changes nothing: the line is indented and the text parsed again.
                var lines = text.Split('\n');
                var index = (int)y.Start.Line; // the line after the one whose break was being scanned
                if (index < 0 || index >= lines.Length) throw;
                lines[index] = new string(' ', 64) + lines[index].TrimStart();
                text = string.Join('\n', lines);
            }
        }
    }

    /// <summary>At most this many continuation lines are re-indented (each costs a parse).</summary>
    private const int GoYamlRetries = 50;

    private static YamlParseResult LoadOnce(string file, string text, ParseLimits limits, bool simpleReader)
    {
        var stream = new YamlStream();
        IReadOnlyList<YamlDiagnostic> diagnostics;
        try
        {
            // Read and check the events first (iteratively): YamlDotNet builds nodes recursively,
            // so depth must be known before it does, and aliases must be counted before anyone expands them.
            var (events, found) = YamlEventScan.Scan(file, text, limits, simpleReader);
            diagnostics = found;
            stream.Load(new EventReplay(events));
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
        return new YamlParseResult(documents, diagnostics);
    }

    private static void CheckSize(string file, string text, long limit)
    {
        // A UTF-16 string never has more characters than its UTF-8 form has bytes, nor fewer than a third of them.
        if ((long)text.Length * 3 <= limit) return;
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        if (bytes > limit)
            throw new StewardInputException($"{file}: the file is {ParseLimits.Bytes(bytes)}, over the limit of {ParseLimits.Bytes(limit)} for a YAML file");
    }
}
