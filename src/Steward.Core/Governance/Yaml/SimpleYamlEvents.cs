using System.Buffers;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Steward.Core.Governance.Yaml;

/// <summary>
/// Reads the common subset of YAML that Kubernetes manifests and Steward's own files use straight
/// into the parsing events YamlDotNet's <see cref="Parser"/> would produce for them: same event
/// types, values, styles, implicit flags and Start/End marks (index, line, column), so everything
/// downstream (the checks of <see cref="YamlEventScan"/>, the node tree, positions in messages)
/// is unchanged.
/// </summary>
/// <remarks>
/// Why it exists: YamlDotNet 18.1's <c>Scalar</c> event calls <c>string.IsInterned</c> for every
/// mapping key, a process-wide lock that the parallel repository loaders contend for (1.4 s of a
/// 2.5 s parse per thread at 50,000 objects), and its scanner allocates a token object and several
/// string builders per scalar. This reader builds scalars with empty anchor and tag and no key
/// flag, slices values straight out of the text, shares key strings per thread (see KeyStrings)
/// and keeps no tokens.
/// <para>
/// The subset: block mappings and block sequences (also "indentless" sequences under a key, and
/// compact <c>- key: value</c> entries) as the root of each document; single-line plain, single-
/// and double-quoted scalars (common escapes); single-line flow sequences and mappings of scalars
/// and nested flow collections, without empty or trailing entries; comments; <c>---</c> document
/// starts (also empty documents); LF or CRLF line ends. Anything else (tags, anchors, aliases,
/// directives, block scalars, multi-line scalars or flow collections, complex keys, tabs,
/// <c>...</c>, a BOM, control or unusual characters, a root scalar, any construct this reader is
/// not certain to read exactly as YamlDotNet does, and every malformed input) makes it decline,
/// and the file is read by YamlDotNet's parser as before, errors and all. It never reports an
/// error itself.
/// </para>
/// </remarks>
internal sealed class SimpleYamlEvents
{
    // Deeper files are rare and are left to YamlDotNet (the depth limit is checked on the events either way).
    private const int MaxNesting = 100;
    // YamlDotNet forgets a possible simple key once the scanner is 1024 characters past its start.
    private const int MaxKeyLength = 1000;

    // Characters the reader never handles: controls (tab and a CR outside CRLF among them),
    // DEL and C1 controls (NEL is a YAML line break), surrogates, LS/PS (line breaks), the BOM and non-characters.
    private static readonly SearchValues<char> Unusual = SearchValues.Create(UnusualCharacters());

    private readonly string _text;
    private readonly List<ParsingEvent> _events;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _depth;

    private SimpleYamlEvents(string text)
    {
        _text = text;
        _events = new List<ParsingEvent>(Math.Min(text.Length / 6 + 8, 1 << 20));
    }

    /// <summary>The events YamlDotNet's parser would produce for <paramref name="text"/>, or null when the text is outside the subset.</summary>
    public static List<ParsingEvent>? TryRead(string text)
    {
        if (!PlainCharacters(text)) return null;
        var reader = new SimpleYamlEvents(text);
        try
        {
            reader.ReadStream();
            return reader._events;
        }
        catch (DeclinedException)
        {
            return null;
        }
    }

    private static bool PlainCharacters(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAny(Unusual) >= 0) return false;
        for (var at = span.IndexOf('\r'); at >= 0; at = span.IndexOf('\r'))
        {
            if (at + 1 >= span.Length || span[at + 1] != '\n') return false;
            span = span[(at + 2)..];
        }
        return true;
    }

    private static string UnusualCharacters()
    {
        var set = new StringBuilder();
        for (var c = 0; c < 0x20; c++)
            if (c != '\n' && c != '\r') set.Append((char)c);
        for (var c = 0x7F; c < 0xA0; c++) set.Append((char)c);
        for (var c = 0xD800; c <= 0xDFFF; c++) set.Append((char)c);
        set.Append('\u2028').Append('\u2029').Append('\uFEFF').Append('\uFFFE').Append('\uFFFF');
        return set.ToString();
    }

    private void ReadStream()
    {
        var origin = Here();
        _events.Add(new StreamStart(origin, origin));
        SkipToNextToken();
        var first = true;
        while (true)
        {
            if (AtEnd)
            {
                var end = EndOfInputMark(-1);
                _events.Add(new StreamEnd(end, end));
                return;
            }
            if (AtDocumentStart())
            {
                var start = Here();
                _pos += 3;
                _events.Add(new DocumentStart(null, DefaultTags(), false, start, Here()));
                SkipSpaces();
                if (Peek(0) == '#') SkipComment();
                if (!AtBreakOrEnd()) Decline();
                SkipToNextToken();
                if (AtEnd || AtDocumentStart())
                {
                    // An empty document: YamlDotNet places its empty scalar where its scanner stands:
                    // past the next "---", or one character past the end of the input (having made
                    // the stream's end token, its scanner goes on to skip the end "character").
                    var streamEnd = EndOfInputMark(-1);
                    var scalarAt = AtEnd ? new Mark(streamEnd.Index + 1, streamEnd.Line, streamEnd.Column + 1) : new Mark(_pos + 3, _line, 4);
                    _events.Add(EmptyScalar(scalarAt));
                    var endAt = AtEnd ? EndOfInputMark(-1) : Here();
                    _events.Add(new DocumentEnd(true, endAt, endAt));
                    first = false;
                    continue;
                }
            }
            else
            {
                if (!first) Decline();
                _events.Add(new DocumentStart(null, DefaultTags(), true, Here(), Here()));
            }
            first = false;
            if (AtDocumentEnd() || (Column == 0 && Peek(0) == '%')) Decline();
            ReadRoot();
            if (!AtEnd && !AtDocumentStart()) Decline();
            var documentEnd = AtEnd ? EndOfInputMark(-1) : Here();
            _events.Add(new DocumentEnd(true, documentEnd, documentEnd));
        }
    }

    /// <summary>A document's root: a block mapping or sequence (anything else is left to YamlDotNet).</summary>
    private void ReadRoot()
    {
        if (AtBlockEntry())
        {
            ReadBlockSequence(Column);
            return;
        }
        var column = Column;
        var key = ReadScalar(flow: false);
        SkipSpaces();
        if (!AtValueIndicator()) Decline();
        ReadBlockMapping(column, key);
    }

    /// <summary>A node in block context at a token right of the innermost block collection's column; ends at the next token.</summary>
    /// <param name="keyAllowed">Whether the node may be a mapping key (first token on its line, or after "- ").</param>
    private void ReadBlockNode(bool keyAllowed)
    {
        var column = Column;
        var c = Peek(0);
        if (AtBlockEntry())
        {
            if (!keyAllowed) Decline();
            ReadBlockSequence(column);
            return;
        }
        if (c is '[' or '{')
        {
            ReadFlowCollection();
            // After a flow collection: spaces, then a comment, a line break or the end.
            if (!AtBreakOrEnd() && Peek(0) != ' ') Decline();
            SkipSpaces();
            if (!AtBreakOrEnd() && Peek(0) != '#') Decline();
            SkipToNextToken();
            return;
        }
        var scalar = ReadScalar(flow: false);
        SkipSpaces();
        if (AtValueIndicator())
        {
            if (!keyAllowed) Decline();
            ReadBlockMapping(column, scalar);
            return;
        }
        if (!AtBreakOrEnd() && Peek(0) != '#') Decline();
        _events.Add(ToEvent(scalar, isKey: false));
        SkipToNextToken();
    }

    private void ReadBlockSequence(int column)
    {
        Enter();
        var start = Here();
        _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, start, start));
        while (true)
        {
            // At "-" in this sequence's column.
            _pos++;
            var entryEnd = Here();
            var line = _line;
            SkipToNextToken();
            if (AtEnd || AtDocumentStart())
            {
                _events.Add(EmptyScalar(entryEnd));
                EndSequence(column);
                return;
            }
            if (AtDocumentEnd()) Decline();
            if (_line == line || Column > column)
            {
                ReadBlockNode(keyAllowed: true);
            }
            else if (Column == column && AtBlockEntry())
            {
                _events.Add(EmptyScalar(entryEnd));
                continue;
            }
            else if (Column < column)
            {
                _events.Add(EmptyScalar(entryEnd));
                EndSequence(column);
                return;
            }
            else
            {
                Decline();
            }
            if (AtEnd || AtDocumentStart())
            {
                EndSequence(column);
                return;
            }
            if (AtDocumentEnd()) Decline();
            if (Column == column && AtBlockEntry()) continue;
            if (Column > column) Decline();
            EndSequence(column);
            return;
        }
    }

    private void EndSequence(int column)
    {
        var end = AtEnd ? EndOfInputMark(column) : Here();
        _events.Add(new SequenceEnd(end, end));
        _depth--;
    }

    /// <summary>A block mapping whose first key (scanned, not yet emitted) is followed by ":" at the current position.</summary>
    private void ReadBlockMapping(int column, ScannedScalar firstKey)
    {
        Enter();
        _events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, firstKey.Start, firstKey.Start));
        var key = firstKey;
        while (true)
        {
            if (key.Start.Line != _line || _pos - key.StartIndex > MaxKeyLength) Decline();
            _events.Add(ToEvent(key, isKey: true));
            _pos++; // ':'
            var valueEnd = Here();
            var line = _line;
            SkipToNextToken();
            if (AtEnd || AtDocumentStart())
            {
                _events.Add(EmptyScalar(valueEnd));
                EndMapping(column);
                return;
            }
            if (AtDocumentEnd()) Decline();
            if (_line == line)
            {
                ReadBlockNode(keyAllowed: false);
            }
            else if (Column > column)
            {
                ReadBlockNode(keyAllowed: true);
            }
            else if (Column == column && AtBlockEntry())
            {
                ReadIndentlessSequence(column);
            }
            else
            {
                _events.Add(EmptyScalar(valueEnd));
            }
            if (AtEnd || AtDocumentStart())
            {
                EndMapping(column);
                return;
            }
            if (AtDocumentEnd()) Decline();
            if (Column < column)
            {
                EndMapping(column);
                return;
            }
            if (Column > column || AtBlockEntry()) Decline();
            key = ReadScalar(flow: false);
            SkipSpaces();
            if (!AtValueIndicator()) Decline();
        }
    }

    private void EndMapping(int column)
    {
        var end = AtEnd ? EndOfInputMark(column) : Here();
        _events.Add(new MappingEnd(end, end));
        _depth--;
    }

    /// <summary>A sequence whose "-" entries stand in the column of the mapping key they are the value of.</summary>
    private void ReadIndentlessSequence(int column)
    {
        Enter();
        var start = Here();
        _pos++;
        var entryEnd = Here();
        _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, start, entryEnd));
        while (true)
        {
            var line = _line;
            SkipToNextToken();
            if (AtEnd || AtDocumentStart())
            {
                _events.Add(EmptyScalar(entryEnd));
                EndIndentlessSequence(column);
                return;
            }
            if (AtDocumentEnd()) Decline();
            if (_line == line || Column > column)
            {
                ReadBlockNode(keyAllowed: true);
            }
            else if (Column == column && AtBlockEntry())
            {
                _events.Add(EmptyScalar(entryEnd));
                _pos++;
                entryEnd = Here();
                continue;
            }
            else
            {
                // The mapping's next key, or the end of the mapping.
                _events.Add(EmptyScalar(entryEnd));
                EndIndentlessSequence(column);
                return;
            }
            if (AtEnd || AtDocumentStart())
            {
                EndIndentlessSequence(column);
                return;
            }
            if (AtDocumentEnd() || Column > column) Decline();
            if (Column == column && AtBlockEntry())
            {
                _pos++;
                entryEnd = Here();
                continue;
            }
            EndIndentlessSequence(column);
            return;
        }
    }

    private void EndIndentlessSequence(int column)
    {
        // YamlDotNet ends it at the token after it: the mapping's next key or the mapping's own end.
        var end = AtEnd ? EndOfInputMark(column) : Here();
        _events.Add(new SequenceEnd(end, end));
        _depth--;
    }

    private void ReadFlowCollection()
    {
        Enter();
        var start = Here();
        var isSequence = Peek(0) == '[';
        _events.Add(isSequence
            ? new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, start, start)
            : new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow, start, start));
        _pos++;
        var close = isSequence ? ']' : '}';
        SkipFlowSpaces();
        if (Peek(0) != close)
        {
            while (true)
            {
                if (isSequence) ReadFlowNode();
                else ReadFlowPair();
                SkipFlowSpaces();
                if (Peek(0) == close) break;
                if (Peek(0) != ',') Decline();
                _pos++;
                SkipFlowSpaces();
                if (Peek(0) is ',' or ']' or '}') Decline();
            }
        }
        var end = Here();
        _events.Add(isSequence ? new SequenceEnd(end, end) : new MappingEnd(end, end));
        _pos++;
        _depth--;
    }

    private void ReadFlowPair()
    {
        var c = Peek(0);
        if (c is '[' or '{') Decline();
        var key = ReadScalar(flow: true);
        if (_pos - key.StartIndex > MaxKeyLength) Decline();
        _events.Add(ToEvent(key, isKey: true));
        SkipFlowSpaces();
        if (Peek(0) != ':') Decline();
        var next = Peek(1);
        // After a plain key YamlDotNet wants ": "; after a quoted one (JSON style) ":" alone will do.
        if (key.Style == ScalarStyle.Plain ? next != ' ' : next is ':' or '\0' or '\n' or '\r') Decline();
        _pos++;
        SkipFlowSpaces();
        if (Peek(0) is ',' or '}')
        {
            _events.Add(EmptyScalar(Here()));
            return;
        }
        ReadFlowNode();
    }

    private void ReadFlowNode()
    {
        if (Peek(0) is '[' or '{')
        {
            ReadFlowCollection();
            return;
        }
        var scalar = ReadScalar(flow: true);
        if (scalar.Style == ScalarStyle.Plain && _text[scalar.TextStart + scalar.TextLength - 1] == ':') Decline();
        _events.Add(ToEvent(scalar, isKey: false));
    }

    private void SkipFlowSpaces()
    {
        SkipSpaces();
        // Line breaks and comments inside flow collections are left to YamlDotNet.
        if (AtBreakOrEnd() || Peek(0) == '#') Decline();
    }

    private ScannedScalar ReadScalar(bool flow)
    {
        var c = Peek(0);
        if (c == '\'') return ReadSingleQuoted(flow);
        if (c == '"') return ReadDoubleQuoted(flow);
        if (!CanStartPlain(c, Peek(1))) Decline();
        return ReadPlain(flow);
    }

    /// <summary>A plain scalar on one line; the position ends after the spaces that follow it.</summary>
    private ScannedScalar ReadPlain(bool flow)
    {
        var start = Here();
        var startIndex = _pos;
        var endIndex = _pos;
        var text = _text;
        while (true)
        {
            var stopped = false;
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c is ' ' or '\n' or '\r') break;
                if (c == ':')
                {
                    var next = _pos + 1 < text.Length ? text[_pos + 1] : '\0';
                    if (next is ' ' or '\n' or '\r' or '\0' || (flow && next == ','))
                    {
                        stopped = true;
                        break;
                    }
                }
                else if (flow && c is ',' or '[' or ']' or '{' or '}')
                {
                    stopped = true;
                    break;
                }
                _pos++;
                endIndex = _pos;
            }
            if (stopped || Peek(0) != ' ') break;
            SkipSpaces();
            if (Peek(0) == '#') break;
        }
        var end = new Mark(endIndex, _line, endIndex - _lineStart + 1);
        return new ScannedScalar(null, startIndex, endIndex - startIndex, ScalarStyle.Plain, start, end, startIndex);
    }

    private ScannedScalar ReadSingleQuoted(bool flow)
    {
        var start = Here();
        var startIndex = _pos;
        _pos++;
        var from = _pos;
        StringBuilder? value = null;
        while (true)
        {
            var c = Peek(0);
            if (c is '\0' or '\n' or '\r') Decline();
            if (c == '\'')
            {
                if (Peek(1) != '\'') break;
                value ??= new StringBuilder();
                value.Append(_text, from, _pos - from + 1);
                _pos += 2;
                from = _pos;
                continue;
            }
            _pos++;
        }
        var unescaped = value?.Append(_text, from, _pos - from).ToString();
        var length = _pos - from;
        _pos++;
        AfterQuoted(flow);
        return new ScannedScalar(unescaped, from, length, ScalarStyle.SingleQuoted, start, Here(), startIndex);
    }

    private ScannedScalar ReadDoubleQuoted(bool flow)
    {
        var start = Here();
        var startIndex = _pos;
        _pos++;
        var from = _pos;
        StringBuilder? value = null;
        while (true)
        {
            var c = Peek(0);
            if (c is '\0' or '\n' or '\r') Decline();
            if (c == '"') break;
            if (c != '\\')
            {
                _pos++;
                continue;
            }
            value ??= new StringBuilder();
            value.Append(_text, from, _pos - from);
            var code = Peek(1);
            switch (code)
            {
                case 'x':
                    value.Append(Hex(2));
                    break;
                case 'u':
                    value.Append(Hex(4));
                    break;
                default:
                    value.Append(SimpleEscape(code));
                    _pos += 2;
                    break;
            }
            from = _pos;
        }
        var unescaped = value?.Append(_text, from, _pos - from).ToString();
        var length = _pos - from;
        _pos++;
        AfterQuoted(flow);
        return new ScannedScalar(unescaped, from, length, ScalarStyle.DoubleQuoted, start, Here(), startIndex);
    }

    private static char SimpleEscape(char code) => code switch
    {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        't' => '\x09',
        'n' => '\x0A',
        'v' => '\x0B',
        'f' => '\x0C',
        'r' => '\x0D',
        'e' => '\x1B',
        ' ' => ' ',
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'N' => '\x85',
        '_' => '\xA0',
        'L' => '\u2028',
        'P' => '\u2029',
        _ => Decline<char>(),
    };

    /// <summary>A \x or \u escape of <paramref name="digits"/> hex digits that is not a surrogate (those are left to YamlDotNet).</summary>
    private char Hex(int digits)
    {
        var value = 0;
        for (var k = 0; k < digits; k++)
        {
            var c = Peek(2 + k);
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => Decline<int>(),
            };
            value = value * 16 + digit;
        }
        if (value is >= 0xD800 and <= 0xDFFF) Decline();
        _pos += 2 + digits;
        return (char)value;
    }

    /// <summary>What may follow a closing quote: a space, a line end, ":" (a key) or, in flow, "," and the closing brackets.</summary>
    private void AfterQuoted(bool flow)
    {
        var c = Peek(0);
        if (c is ' ' or '\n' or '\r' or '\0' or ':') return;
        if (flow && c is ',' or ']' or '}') return;
        Decline();
    }

    /// <summary>
    /// Whether a plain scalar may start here: not with an indicator (YamlDotNet reads "-x", ":x" and
    /// "?x" as plain too, and ":" after a flow token specially; only "-" before an ordinary character is kept).
    /// </summary>
    private static bool CanStartPlain(char c, char next)
    {
        if (c >= 0xA0) return true;
        if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9') return true;
        return c switch
        {
            '$' or '(' or ')' or '+' or '.' or '/' or ';' or '<' or '=' or '\\' or '^' or '_' or '~' => true,
            '-' => next is not (' ' or '\n' or '\r' or '\0' or ',' or '[' or ']' or '{' or '}' or '#' or ':' or '?'),
            _ => false,
        };
    }

    private bool AtValueIndicator() => Peek(0) == ':' && Peek(1) is ' ' or '\n' or '\r' or '\0';

    private bool AtBlockEntry() => Peek(0) == '-' && Peek(1) is ' ' or '\n' or '\r' or '\0';

    private bool AtDocumentStart() => AtMarker('-');

    private bool AtDocumentEnd() => AtMarker('.');

    private bool AtMarker(char c) =>
        Column == 0 && Peek(0) == c && Peek(1) == c && Peek(2) == c && Peek(3) is ' ' or '\n' or '\r' or '\0';

    private bool AtEnd => _pos >= _text.Length;

    private bool AtBreakOrEnd() => Peek(0) is '\n' or '\r' or '\0';

    /// <summary>YamlDotNet's LineOffset: the 0-based column.</summary>
    private int Column => _pos - _lineStart;

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private Mark Here() => new(_pos, _line, _pos - _lineStart + 1);

    /// <summary>
    /// Where YamlDotNet ends a block collection of <paramref name="indent"/> at the end of the input:
    /// where its scanner stands if that is left of the collection, else at the start of the next line
    /// (its scanner moves to a new line before ending the stream).
    /// </summary>
    private Mark EndOfInputMark(int indent)
    {
        var column = Column;
        if (indent > column) return Here();
        return new Mark(_pos, column != 0 ? _line + 1 : _line, 1);
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ') _pos++;
    }

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r')) _pos++;
    }

    /// <summary>Spaces, comments and line breaks up to the next token (YamlDotNet's ScanToNextToken without tabs).</summary>
    private void SkipToNextToken()
    {
        var text = _text;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == ' ')
            {
                _pos++;
            }
            else if (c == '#')
            {
                SkipComment();
            }
            else if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c == '\r')
            {
                _pos += 2;
                _line++;
                _lineStart = _pos;
            }
            else
            {
                return;
            }
        }
    }

    private void Enter()
    {
        if (++_depth > MaxNesting) Decline();
    }

    private static Scalar EmptyScalar(Mark at) => new(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, true, false, at, at);

    private static TagDirectiveCollection DefaultTags() =>
        [new YamlDotNet.Core.Tokens.TagDirective("!", "!"), new YamlDotNet.Core.Tokens.TagDirective("!!", "tag:yaml.org,2002:")];

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Decline() => throw DeclinedException.Instance;

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static T Decline<T>() => throw DeclinedException.Instance;

    private Scalar ToEvent(ScannedScalar scalar, bool isKey)
    {
        var value = scalar.Unescaped ?? (isKey
            ? KeyStrings.Get(_text.AsSpan(scalar.TextStart, scalar.TextLength))
            : _text.Substring(scalar.TextStart, scalar.TextLength));
        return scalar.Style == ScalarStyle.Plain
            ? new Scalar(AnchorName.Empty, TagName.Empty, value, scalar.Style, true, false, scalar.Start, scalar.End)
            : new Scalar(AnchorName.Empty, TagName.Empty, value, scalar.Style, false, true, scalar.Start, scalar.End);
    }

    /// <summary>
    /// A scalar read but not yet emitted (a mapping key is known only at its ":"): its text, where it
    /// stands in the input unless escapes made it <paramref name="Unescaped"/>, its style and marks.
    /// </summary>
    private readonly record struct ScannedScalar(string? Unescaped, int TextStart, int TextLength, ScalarStyle Style, Mark Start, Mark End, int StartIndex);

    /// <summary>
    /// One string per distinct mapping key on each loader thread: keys repeat across every manifest
    /// ("apiVersion", "metadata", "name" ...), so the node trees of a large repository share them
    /// instead of holding millions of copies (what YamlDotNet's interning did, without its global
    /// lock). Bounded: short keys only, and no new ones once the table is full.
    /// </summary>
    private static class KeyStrings
    {
        private const int MaxLength = 64;
        private const int MaxCount = 8192;

        [ThreadStatic]
        private static Dictionary<string, string>? t_keys;

        public static string Get(ReadOnlySpan<char> text)
        {
            if (text.Length > MaxLength) return text.ToString();
            var keys = t_keys ??= new Dictionary<string, string>(StringComparer.Ordinal);
            var lookup = keys.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var known)) return known;
            var key = text.ToString();
            if (keys.Count < MaxCount) keys.Add(key, key);
            return key;
        }
    }

    /// <summary>Thrown inside the reader when the text leaves the subset; never escapes it.</summary>
    private sealed class DeclinedException : Exception
    {
        public static readonly DeclinedException Instance = new();
    }
}
