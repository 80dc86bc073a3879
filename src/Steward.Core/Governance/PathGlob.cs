using System.Text;
using System.Text.RegularExpressions;

namespace Steward.Core.Governance;

/// <summary>
/// A path pattern of steward.yaml (<c>paths.manifests</c>, <c>paths.exclude</c>), relative to the
/// repository root: <c>**</c> is any number of folders, <c>*</c> any characters but <c>/</c>,
/// <c>?</c> one of them, <c>{a,b}</c> either. A pattern also matches everything under a folder it
/// matches, so <c>k8s</c> means the whole k8s folder.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex _regex;

    private PathGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public bool Matches(string relativePath) => _regex.IsMatch(relativePath);

    /// <summary>Compiles a pattern, or returns why it is not one (the reason completes "field: ...").</summary>
    public static PathGlob? TryParse(string pattern, out string? error)
    {
        error = Validate(pattern);
        if (error is not null) return null;
        var text = pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern;
        text = text.TrimEnd('/');
        // The patterns come from the (untrusted) repository: the non-backtracking engine keeps
        // matching linear in the path length whatever the pattern.
        var regex = new Regex("^" + ToRegex(text) + "(?:/.*)?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        return new PathGlob(pattern, regex);
    }

    private static string? Validate(string pattern)
    {
        if (pattern.Trim().Length == 0) return "a path pattern must not be empty";
        if (pattern.StartsWith('/') || pattern.Contains('\\', StringComparison.Ordinal) || (pattern.Length > 1 && pattern[1] == ':'))
            return $"\"{pattern}\" must be relative to the repository root, with '/' separators";
        if (pattern.Split('/').Any(segment => segment == ".."))
            return $"\"{pattern}\" must not leave the repository ('..')";
        if (!pattern.Split('/').All(BracesBalanced))
            return $"\"{pattern}\": '{{a,b}}' alternatives must be closed within one folder name and not nested";
        return null;
    }

    private static bool BracesBalanced(string segment)
    {
        var open = false;
        foreach (var c in segment)
        {
            if (c == '{') { if (open) return false; open = true; }
            else if (c == '}') { if (!open) return false; open = false; }
        }
        return !open;
    }

    private static string ToRegex(string pattern)
    {
        var segments = pattern.Split('/');
        var regex = new StringBuilder();
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] == "**")
            {
                // Zero or more whole folders; at the end, anything below.
                regex.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            regex.Append(Segment(segments[i]));
            if (!last) regex.Append('/');
        }
        return regex.ToString();
    }

    private static string Segment(string segment)
    {
        var regex = new StringBuilder();
        var inBraces = false;
        foreach (var c in segment)
        {
            switch (c)
            {
                case '*': regex.Append("[^/]*"); break;
                case '?': regex.Append("[^/]"); break;
                case '{': regex.Append("(?:"); inBraces = true; break;
                case '}' when inBraces: regex.Append(')'); inBraces = false; break;
                case ',' when inBraces: regex.Append('|'); break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return regex.ToString();
    }

    public override string ToString() => Pattern;
}
