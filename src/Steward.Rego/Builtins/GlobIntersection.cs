namespace Steward.Rego.Builtins;

/// <summary>
/// Whether two "globs" — the restricted regular expressions of regex.globs_match: literals,
/// '.', character classes [a-z] / [^a-z] and the quantifiers '*', '+', '?' on one token — match
/// at least one common string. OPA decides this with glob-intersection; here the two patterns
/// become token automata and a search over pairs of positions looks for a joint path to the end.
/// </summary>
internal static class GlobIntersection
{
    private const int MaxChar = 0x10FFFF;

    private enum Quantifier { One, Optional, Star }

    /// <summary>A set of characters as sorted, disjoint, inclusive ranges.</summary>
    private sealed record CharSet(IReadOnlyList<(int Lo, int Hi)> Ranges)
    {
        public static readonly CharSet Any = new([(0, MaxChar)]);

        public bool Intersects(CharSet other)
            => Ranges.Any(a => other.Ranges.Any(b => a.Lo <= b.Hi && b.Lo <= a.Hi));
    }

    private sealed record Token(CharSet Chars, Quantifier Quantifier);

    public static bool Intersect(string a, string b, string fn)
    {
        var x = Parse(a, fn);
        var y = Parse(b, fn);
        var seen = new HashSet<(int, int)>();
        var work = new Stack<(int, int)>();
        work.Push((0, 0));
        while (work.Count > 0)
        {
            var (i, j) = work.Pop();
            if (!seen.Add((i, j))) continue;
            if (i == x.Count && j == y.Count) return true;
            // A token that may be skipped gives an empty move on its own side.
            if (i < x.Count && x[i].Quantifier != Quantifier.One) work.Push((i + 1, j));
            if (j < y.Count && y[j].Quantifier != Quantifier.One) work.Push((i, j + 1));
            if (i < x.Count && j < y.Count && x[i].Chars.Intersects(y[j].Chars))
            {
                // One common character consumed: a starred token may stay where it is.
                var nextI = x[i].Quantifier == Quantifier.Star ? new[] { i, i + 1 } : [i + 1];
                var nextJ = y[j].Quantifier == Quantifier.Star ? new[] { j, j + 1 } : [j + 1];
                foreach (var ni in nextI) foreach (var nj in nextJ) work.Push((ni, nj));
            }
        }
        return false;
    }

    private static List<Token> Parse(string pattern, string fn)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            CharSet set;
            switch (c)
            {
                case '.': set = CharSet.Any; i++; break;
                case '[': set = ParseClass(pattern, ref i, fn); break;
                case '\\' when i + 1 < pattern.Length: set = Single(pattern[i + 1]); i += 2; break;
                case ']':
                    throw Arg.Error(fn, $"input:{pattern}, pos:{i + 1}, set-close ']' with no preceding '[': the input provided is invalid");
                case '*' or '+' or '?' or '(' or ')' or '|' or '{' or '}' or '^' or '$' or '\\':
                    throw Arg.Error(fn, $"unsupported glob syntax '{c}' in {pattern}");
                default: set = Single(c); i++; break;
            }
            var q = i < pattern.Length ? pattern[i] : '\0';
            switch (q)
            {
                case '*': tokens.Add(new Token(set, Quantifier.Star)); i++; break;
                case '?': tokens.Add(new Token(set, Quantifier.Optional)); i++; break;
                case '+':
                    // X+ is X followed by X*.
                    tokens.Add(new Token(set, Quantifier.One));
                    tokens.Add(new Token(set, Quantifier.Star));
                    i++;
                    break;
                default: tokens.Add(new Token(set, Quantifier.One)); break;
            }
        }
        return tokens;
    }

    private static CharSet Single(char c) => new([(c, c)]);

    private static CharSet ParseClass(string pattern, ref int i, string fn)
    {
        var start = i;
        i++;
        var negated = i < pattern.Length && pattern[i] == '^';
        if (negated) i++;
        var ranges = new List<(int Lo, int Hi)>();
        var first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            first = false;
            var lo = ClassChar(pattern, ref i);
            var hi = lo;
            if (i + 1 < pattern.Length && pattern[i] == '-' && pattern[i + 1] != ']')
            {
                i++;
                hi = ClassChar(pattern, ref i);
            }
            if (hi < lo) throw Arg.Error(fn, $"invalid character class range in {pattern}");
            ranges.Add((lo, hi));
        }
        if (i >= pattern.Length) throw Arg.Error(fn, $"unterminated character class at {start} in {pattern}");
        i++;
        var sorted = ranges.OrderBy(r => r.Lo).ToList();
        return new CharSet(negated ? Complement(sorted) : sorted);
    }

    private static int ClassChar(string pattern, ref int i)
    {
        if (pattern[i] == '\\' && i + 1 < pattern.Length) { i += 2; return pattern[i - 1]; }
        return pattern[i++];
    }

    private static List<(int Lo, int Hi)> Complement(List<(int Lo, int Hi)> sorted)
    {
        var result = new List<(int Lo, int Hi)>();
        var next = 0;
        foreach (var (lo, hi) in sorted)
        {
            if (lo > next) result.Add((next, lo - 1));
            next = Math.Max(next, hi + 1);
        }
        if (next <= MaxChar) result.Add((next, MaxChar));
        return result;
    }
}
