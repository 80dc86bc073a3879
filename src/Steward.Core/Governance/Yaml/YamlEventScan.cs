using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Steward.Core.Governance.Yaml;

/// <summary>
/// One iterative pass over a YAML file's parsing events, before any node tree is built (YamlDotNet
/// builds its tree recursively, and everything downstream walks aliases as copies). It enforces the
/// nesting-depth limit (after alias expansion), refuses self-containing aliases, applies Kubernetes'
/// rule against excessive aliasing (go-yaml v3's <c>allowedAliasRatio</c>) with counts memoised per
/// anchor, so a billion-laughs file costs its own size to check, and drops the earlier value of a
/// duplicated mapping key (last value wins, as kubectl) with a <c>duplicate-key</c> diagnostic.
/// </summary>
internal sealed class YamlEventScan
{
    // go-yaml v3 decode.go: below 400,000 decoded nodes 99% may come from aliases; above 4,000,000
    // only 10%; in between the allowance falls linearly. An alias check applies once more than 100
    // nodes come from aliases in a document of more than 1,000 nodes.
    private const long RatioRangeLow = 400_000;
    private const long RatioRangeHigh = 4_000_000;
    private const long MinAliasCount = 100;
    private const long MinDecodeCount = 1_000;

    private readonly string _file;
    private readonly ParseLimits _limits;
    private List<ParsingEvent> _events = [];
    private readonly List<YamlDiagnostic> _diagnostics = [];
    private readonly List<Frame> _stack = [];
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    // Anchors whose node is still open: an alias to one of them would contain itself.
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly List<AliasUse> _aliasUses = [];
    // Frames of closed collections, reused: a file opens thousands of mappings, most with few keys.
    private readonly Stack<Frame> _spareFrames = new();
    private readonly List<bool> _dropped = [];
    private bool _anyDropped;

    // Expanded node counts of the document being read and of the whole file (saturating at long.MaxValue).
    private Expansion _document;
    private Expansion _fileTotal;
    private Mark? _largestAliasAt;
    private long _largestAliasNodes;

    private YamlEventScan(string file, ParseLimits limits)
    {
        _file = file;
        _limits = limits;
    }

    /// <summary>The events to build the documents from (earlier values of duplicated keys removed) and the diagnostics.</summary>
    /// <exception cref="StewardInputException">A limit is exceeded or an alias contains itself.</exception>
    /// <exception cref="YamlException">The YAML is malformed.</exception>
    public static (IReadOnlyList<ParsingEvent> Events, IReadOnlyList<YamlDiagnostic> Diagnostics) Scan(string file, string text, ParseLimits limits, bool simpleReader = true)
    {
        var scan = new YamlEventScan(file, limits);
        // Most repository files are plain block YAML: read those without YamlDotNet's scanner
        // (see SimpleYamlEvents); the events are the same and get the same checks.
        if (simpleReader && SimpleYamlEvents.TryRead(text) is { } read)
        {
            scan._events = read;
            for (var i = 0; i < read.Count; i++)
            {
                scan._dropped.Add(false);
                scan.Visit(i);
            }
            return scan.Result();
        }
        var parser = new Parser(new StringReader(text));
        // Each event is checked as soon as it is read: YamlDotNet's scanner slows down
        // quadratically with flow depth, so a 100,000-deep file must stop at the limit, not at its end.
        while (Next(parser, file, scan._events))
        {
            scan._events.Add(parser.Current!);
            scan._dropped.Add(false);
            scan.Visit(scan._events.Count - 1);
        }
        return scan.Result();
    }

    private (IReadOnlyList<ParsingEvent> Events, IReadOnlyList<YamlDiagnostic> Diagnostics) Result()
    {
        if (!_anyDropped) return (_events, _diagnostics);
        var kept = new List<ParsingEvent>(_events.Count);
        for (var i = 0; i < _events.Count; i++)
            if (!_dropped[i]) kept.Add(_events[i]);
        return (kept, _diagnostics);
    }

    /// <summary>
    /// The parser's next event. YamlDotNet's scanner answers some malformed input (a flow mapping cut
    /// short, a document marker in the wrong place) with InvalidOperationException instead of a
    /// YamlException: that is still bad input, placed after the last event read.
    /// </summary>
    private static bool Next(Parser parser, string file, List<ParsingEvent> events)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException ex)
        {
            var at = events.Count > 0 ? events[^1].End : Mark.Empty;
            throw new StewardInputException($"{file}:{Line(at)}:{Column(at)}: invalid YAML: cannot be parsed after this point ({ex.Message})", ex);
        }
    }

    private void Visit(int index)
    {
        switch (_events[index])
        {
            case DocumentStart:
                _anchors.Clear();
                _document = default;
                _largestAliasAt = null;
                break;
            case DocumentEnd:
                EndDocument();
                break;
            case MappingStart or SequenceStart:
                Open(index);
                break;
            case MappingEnd or SequenceEnd:
                Close(index);
                break;
            case Scalar scalar:
                Complete(new Node(index, index, new Expansion(1, 0), 0, scalar.Value), scalar.Anchor);
                break;
            case AnchorAlias alias:
                Alias(index, alias);
                break;
        }
    }

    private void Open(int index)
    {
        var start = (NodeEvent)_events[index];
        if (_stack.Count + 1 > _limits.MaxDepth)
            throw Limit(start.Start, $"nesting deeper than {_limits.MaxDepth} levels (the limit)");
        var frame = _spareFrames.Count > 0 ? _spareFrames.Pop() : new Frame();
        frame.Reset(index, start is MappingStart, start.Anchor);
        _stack.Add(frame);
        if (!start.Anchor.IsEmpty) _open.Add(start.Anchor.Value);
    }

    private void Close(int index)
    {
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        if (!frame.Anchor.IsEmpty) _open.Remove(frame.Anchor.Value);
        _spareFrames.Push(frame);
        Complete(new Node(frame.StartIndex, index, frame.Content.Add(new Expansion(1, 0)), frame.Height + 1, null), frame.Anchor);
    }

    private void Alias(int index, AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_open.Contains(name))
            throw Limit(alias.Start, $"alias *{name} refers to a node that contains it");
        if (!_anchors.TryGetValue(name, out var target))
            throw new StewardInputException($"{Where(alias.Start)}: invalid YAML: alias *{name} refers to no anchor before it");
        if (_stack.Count + target.Height > _limits.MaxDepth)
            throw Limit(alias.Start, $"nesting deeper than {_limits.MaxDepth} levels (the limit) once alias *{name} is expanded");
        _aliasUses.Add(new AliasUse(index, target.DefinitionIndex, name));
        if (_largestAliasAt is null || target.Nodes.Nodes > _largestAliasNodes)
            (_largestAliasAt, _largestAliasNodes) = (alias.Start, target.Nodes.Nodes);
        // go-yaml counts the alias node itself as decoded, and every node under it as alias-driven.
        var expansion = new Expansion(Saturating.Add(1, target.Nodes.Nodes), target.Nodes.Nodes);
        Complete(new Node(index, index, expansion, target.Height, target.ScalarValue), AnchorName.Empty);
    }

    /// <summary>A node is complete: record its anchor, add it to its parent, handle a mapping's key and value.</summary>
    private void Complete(Node node, AnchorName anchor)
    {
        if (!anchor.IsEmpty)
        {
            var scalarValue = _events[node.StartIndex] is Scalar s ? s.Value : null;
            _anchors[anchor.Value] = new Anchored(node.StartIndex, node.Expansion, node.Height, scalarValue);
        }
        if (_stack.Count == 0)
        {
            _document = _document.Add(node.Expansion);
            return;
        }
        var parent = _stack[^1];
        parent.Content = parent.Content.Add(node.Expansion);
        parent.Height = Math.Max(parent.Height, node.Height);
        if (!parent.IsMapping) return;
        if (parent.ExpectKey)
        {
            parent.PendingKey = node;
            parent.ExpectKey = false;
            return;
        }
        parent.ExpectKey = true;
        var key = parent.PendingKey!.Value;
        if (key.ScalarKey is not { } name) return;
        if (parent.Keys.Find(name) is { } first)
        {
            var firstAt = _events[parent.Keys.Start(first)].Start;
            var secondAt = _events[key.StartIndex].Start;
            _diagnostics.Add(new YamlDiagnostic(_file, Line(secondAt), Column(secondAt), "duplicate-key",
                $"mapping key '{name}' is repeated (first at line {Line(firstAt)}); the last value is used"));
            for (var i = parent.Keys.Start(first); i <= parent.Keys.End(first); i++) _dropped[i] = true;
            _anyDropped = true;
            parent.Keys.Replace(first, key.StartIndex, node.EndIndex);
        }
        else
        {
            parent.Keys.Add(name, key.StartIndex, node.EndIndex);
        }
    }

    private void EndDocument()
    {
        // go-yaml also decodes the document node itself.
        var document = _document.Add(new Expansion(1, 0));
        CheckAliasing(document, "the document");
        _fileTotal = _fileTotal.Add(document);
        // Many small bombs in one file add up: the file's totals obey the same rule.
        CheckAliasing(_fileTotal, "the file");
        foreach (var (aliasIndex, definitionIndex, name) in _aliasUses)
        {
            if (_dropped[definitionIndex] && !_dropped[aliasIndex])
            {
                var at = _events[aliasIndex].Start;
                throw new StewardInputException($"{Where(at)}: alias *{name} refers to the value of a repeated mapping key, which the later value replaces");
            }
        }
        _aliasUses.Clear();
    }

    private void CheckAliasing(Expansion expansion, string what)
    {
        var (decoded, aliased) = (expansion.Nodes, expansion.FromAliases);
        if (aliased <= MinAliasCount || decoded <= MinDecodeCount) return;
        var allowed = AllowedAliasRatio(decoded);
        if ((double)aliased / decoded <= allowed) return;
        var at = _largestAliasAt ?? Mark.Empty;
        throw Limit(at, $"excessive aliasing: {what} expands to {Count(decoded)} nodes, {Count(aliased)} of them through aliases " +
            $"(the limit, as Kubernetes' YAML reader: at most {(allowed * 100).ToString("0.#", CultureInfo.InvariantCulture)}% from aliases at that size)");
    }

    /// <summary>go-yaml v3's allowance: 99% up to 400,000 nodes, 10% from 4,000,000, linear in between.</summary>
    internal static double AllowedAliasRatio(long decodeCount)
    {
        if (decodeCount <= RatioRangeLow) return 0.99;
        if (decodeCount >= RatioRangeHigh) return 0.10;
        return 0.99 - 0.89 * ((double)(decodeCount - RatioRangeLow) / (RatioRangeHigh - RatioRangeLow));
    }

    private static string Count(long n) => n == long.MaxValue ? "more than 9,223,372,036,854,775,806" : n.ToString("N0", CultureInfo.InvariantCulture);

    private StewardInputException Limit(Mark at, string what) => new($"{Where(at)}: {what}");

    private string Where(Mark at) => $"{_file}:{Line(at)}:{Column(at)}";

    private static int Line(Mark at) => (int)Math.Min(at.Line, int.MaxValue);

    private static int Column(Mark at) => (int)Math.Min(at.Column, int.MaxValue);

    /// <summary>Nodes decoded when a node is walked with aliases expanded, and how many of them come from aliases.</summary>
    private readonly record struct Expansion(long Nodes, long FromAliases)
    {
        public Expansion Add(Expansion other) => new(Saturating.Add(Nodes, other.Nodes), Saturating.Add(FromAliases, other.FromAliases));
    }

    /// <summary>A completed node: its event range, expansion, collection height and, for a scalar (or an alias of one), its text (a mapping key compares by it).</summary>
    private readonly record struct Node(int StartIndex, int EndIndex, Expansion Expansion, int Height, string? ScalarKey);

    private sealed record Anchored(int DefinitionIndex, Expansion Nodes, int Height, string? ScalarValue);

    private sealed class Frame
    {
        public int StartIndex { get; private set; }
        public bool IsMapping { get; private set; }
        public AnchorName Anchor { get; private set; }
        public Expansion Content { get; set; }
        public int Height { get; set; }
        public bool ExpectKey { get; set; }
        public Node? PendingKey { get; set; }
        public MappingKeys Keys { get; } = new();

        public void Reset(int startIndex, bool isMapping, AnchorName anchor)
        {
            StartIndex = startIndex;
            IsMapping = isMapping;
            Anchor = anchor;
            Content = default;
            Height = 0;
            ExpectKey = isMapping;
            PendingKey = null;
            Keys.Clear();
        }
    }

    /// <summary>An alias met in the document: where, the event of the anchored node, the anchor's name.</summary>
    private sealed record AliasUse(int AliasIndex, int DefinitionIndex, string Name);

    /// <summary>
    /// The scalar keys of one mapping and the event range of each key and value: searched in order
    /// while there are few (most mappings have a handful of keys), through a table past that.
    /// </summary>
    private sealed class MappingKeys
    {
        private const int ScanLimit = 12;
        private readonly List<string> _names = [];
        private readonly List<int> _starts = [];
        private readonly List<int> _ends = [];
        private Dictionary<string, int>? _index;

        public int? Find(string name)
        {
            if (_index is not null) return _index.TryGetValue(name, out var at) ? at : null;
            for (var i = 0; i < _names.Count; i++)
            {
                if (string.Equals(_names[i], name, StringComparison.Ordinal)) return i;
            }
            return null;
        }

        public int Start(int key) => _starts[key];

        public int End(int key) => _ends[key];

        public void Add(string name, int start, int end)
        {
            _names.Add(name);
            _starts.Add(start);
            _ends.Add(end);
            if (_index is not null) _index[name] = _names.Count - 1;
            else if (_names.Count > ScanLimit)
            {
                _index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < _names.Count; i++) _index[_names[i]] = i;
            }
        }

        public void Replace(int key, int start, int end)
        {
            _starts[key] = start;
            _ends[key] = end;
        }

        public void Clear()
        {
            _names.Clear();
            _starts.Clear();
            _ends.Clear();
            _index = null;
        }
    }

    private static class Saturating
    {
        public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
    }
}
