using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Steward.Core.Governance.Yaml;

namespace Steward.Core.Tests.Governance.Yaml;

/// <summary>
/// Random documents from a grammar of the subset SimpleYamlEvents reads and of its neighbourhood
/// (indentation changes, comments, quoted and empty keys and values, nested and compact sequence
/// entries, colons and '#' inside values, "---" separators, empty documents, CRLF, trailing spaces,
/// and constructs outside the subset: anchors, tags, block scalars, continuation lines, tabs ...),
/// then the same documents with characters inserted or deleted. For every one the reader either
/// declines or gives exactly YamlDotNet's parser's events. Fixed seed: a failure reproduces.
/// </summary>
public sealed class SimpleYamlEventsPropertyTests(ITestOutputHelper output)
{
    private const ulong Seed = 20261202;

    private static readonly string[] Keys =
        ["a", "name", "image", "k8s.io/x", "a b", "'q'", "\"d\"", "'it''s'", "-k", "x1", "\"a:b\"", "ключ", "k ", "\"\""];

    private static readonly string[] KeysOutside = ["? c", "&a k", "!t k", "*a", "[a]", "{a: b}", "a\tb", "a: b", ""];

    private static readonly string[] Values =
        ["v", "web", "1", "1.0", "-1", "true", "~", "null", "a b", "a:b", "http://x/y?q=1&r", "a#b", "a #c", "'s'", "'it''s'", "\"d\"",
         "\"e\\n\\t\\\\\\\"\\x41\\u00e9\"", "\"\"", "''", "[]", "{}", "[a, b]", "[1, 'x', \"y\"]", "{k: v}", "{a: [1, {b: c}]}", "{\"a\":1}",
         "{a: , b: c}", "[a, [b, c]]", "{x: y, z: [w]}", "é", "--x", ".5", "$v", "(p)", "/p/q"];

    // Near the subset, or outside it.
    private static readonly string[] ValuesOutside =
        ["&x v", "*x", "!t v", "!!str 1", "|", ">", "a: b", "- x", "%x", "@x", "`x", "\"a\"#c", "[a,]", "{a:}", "{a: b", "x\ty", "[a, b] c",
         "\"u\\ud800\"", "'open", "a\\", "? x", "...", "---", ":x", "[- a]", "{[a]: b}", "[a: b]", "\"a\":b", "'a'#c"];

    // "# x" right after a value is part of a plain scalar, and an error after a quoted one.
    private static readonly string[] Comments = ["", "", "", "", "", " # c", " #", "  # a: b", "# x"];

    [Fact]
    public void Generated_documents_are_declined_or_read_exactly_as_YamlDotNet_reads_them()
    {
        var samples = Gen.Sample(Documents(), 4000, new Rnd(Seed), 30);
        var accepted = Check(samples);

        output.WriteLine($"{accepted} of {samples.Length} generated documents read by SimpleYamlEvents");
        // The grammar is mostly the subset: a reader declining nearly everything would prove nothing.
        accepted.Should().BeGreaterThan(samples.Length / 5);
    }

    [Fact]
    public void Generated_documents_with_characters_inserted_or_deleted_are_declined_or_read_exactly_as_YamlDotNet_reads_them()
    {
        var mutated = from document in Documents()
                      from edits in Gen.ArrayOf(Edit(), 1).SelectMany(one => Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Edit(), n)).Select(more => one.Concat(more).ToArray()))
                      select edits.Aggregate(document, Apply);
        var samples = Gen.Sample(mutated, 4000, new Rnd(Seed + 1), 30);
        var accepted = Check(samples);

        output.WriteLine($"{accepted} of {samples.Length} mutated documents read by SimpleYamlEvents");
        accepted.Should().BeGreaterThan(samples.Length / 20);
    }

    private static int Check(string[] samples)
    {
        var accepted = 0;
        foreach (var text in samples)
        {
            var fast = SimpleYamlEvents.TryRead(text);
            if (fast is null) continue;
            accepted++;
            var difference = SimpleYamlEventsTests.EventDifference(text, fast);
            difference.Should().BeNull($"the reader accepted this text:\n{text.Replace("\r", "\\r", StringComparison.Ordinal)}\n");
        }
        return accepted;
    }

    /// <summary>A stream of one to three documents, LF or CRLF, with or without a final line break.</summary>
    private static Gen<string> Documents() =>
        from count in Gen.Frequency((3, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
        from documents in Gen.ArrayOf(Document(), count)
        from separators in Gen.ArrayOf(Gen.Elements("---\n", "---\n", "--- # doc\n", "---  \n", "\n---\n", "---\n# only a comment\n"), count)
        from leading in Gen.Elements("", "", "# header\n", "\n", "---\n")
        from crlf in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from finalBreak in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from trailing in Gen.Elements("", "", "---\n", "  ", "# end", "\n\n")
        let body = leading + string.Concat(documents.Select((d, i) => (i == 0 ? "" : separators[i]) + d)) + trailing
        let ended = finalBreak ? body : body.TrimEnd('\n')
        select crlf ? ended.Replace("\n", "\r\n", StringComparison.Ordinal) : ended;

    private static Gen<string> Document() =>
        Gen.Frequency(
            (12, Gen.Choose(0, int.MaxValue).Select(seed => Render(seed, sequenceRoot: false))),
            (4, Gen.Choose(0, int.MaxValue).Select(seed => Render(seed, sequenceRoot: true))),
            (1, Gen.Elements("", "# nothing\n", "  a: b\n", "- \n", "x\n", "[a]\n")));

    /// <summary>A block document drawn from the grammar with a generated seed (the structure needs recursion FsCheck's combinators make verbose).</summary>
    private static string Render(int seed, bool sequenceRoot)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        if (sequenceRoot) Sequence(random, text, 0, depth: 0);
        else Mapping(random, text, 0, depth: 0);
        return text.ToString();
    }

    private static void Mapping(Random random, StringBuilder text, int column, int depth, bool firstInline = false)
    {
        var entries = random.Next(1, 5);
        for (var i = 0; i < entries; i++)
        {
            if (random.Next(8) == 0) text.Append(new string(' ', random.Next(0, column + 3))).Append("# note\n");
            if (random.Next(12) == 0) text.Append(random.Next(2) == 0 ? "\n" : "   \n");
            if (!(firstInline && i == 0)) text.Append(new string(' ', column));
            text.Append(KeyText(random)).Append(random.Next(10) == 0 ? " :" : ":");
            MappingValue(random, text, column, depth);
        }
    }

    private static void MappingValue(Random random, StringBuilder text, int column, int depth)
    {
        var choice = depth >= 4 ? random.Next(3) : random.Next(8);
        switch (choice)
        {
            case 0 or 1:
                text.Append(' ').Append(ScalarText(random)).Append(Pick(random, Comments)).Append(Trailing(random)).Append('\n');
                break;
            case 2:
                text.Append(Pick(random, Comments)).Append('\n'); // empty value
                break;
            case 3 or 4:
                text.Append(Pick(random, Comments)).Append('\n');
                Mapping(random, text, column + Step(random), depth + 1);
                break;
            case 5:
                text.Append('\n');
                Sequence(random, text, column, depth + 1); // indentless, in the key's column
                break;
            case 6:
                text.Append('\n');
                Sequence(random, text, column + Step(random), depth + 1);
                break;
            default:
                text.Append('\n').Append(new string(' ', column + Step(random))).Append(ScalarText(random)).Append('\n');
                break;
        }
    }

    private static void Sequence(Random random, StringBuilder text, int column, int depth)
    {
        var entries = random.Next(1, 4);
        for (var i = 0; i < entries; i++)
        {
            text.Append(new string(' ', column)).Append('-');
            var inner = column + 2;
            switch (depth >= 4 ? random.Next(2) : random.Next(7))
            {
                case 0:
                    text.Append(' ').Append(ScalarText(random)).Append(Pick(random, Comments)).Append('\n');
                    break;
                case 1:
                    text.Append(Pick(random, Comments)).Append('\n'); // empty entry
                    break;
                case 2 or 3:
                    text.Append(' '); // compact "- key: value"
                    Mapping(random, text, inner, depth + 1, firstInline: true);
                    break;
                case 4:
                    text.Append(' '); // "- - nested"
                    text.Append("- ").Append(ScalarText(random)).Append('\n');
                    if (random.Next(2) == 0) text.Append(new string(' ', inner)).Append("- ").Append(ScalarText(random)).Append('\n');
                    break;
                case 5:
                    text.Append('\n');
                    Mapping(random, text, column + Step(random), depth + 1);
                    break;
                default:
                    text.Append('\n').Append(new string(' ', column + Step(random))).Append(ScalarText(random)).Append('\n');
                    break;
            }
        }
    }

    private static int Step(Random random) => random.Next(10) switch { 0 => 1, 1 => 3, 2 => 4, 3 => 0, _ => 2 };

    private static string Trailing(Random random) => random.Next(10) == 0 ? "  " : "";

    private static string ScalarText(Random random) => random.Next(25) == 0 ? Pick(random, ValuesOutside) : Pick(random, Values);

    private static string KeyText(Random random) => random.Next(40) == 0 ? Pick(random, KeysOutside) : Pick(random, Keys);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private sealed record EditOp(bool Insert, double Where, string Text, int Length);

    private static Gen<EditOp> Edit() =>
        from insert in Gen.Elements(true, false)
        from position in Gen.Choose(0, 1_000_000).Select(n => n / 1_000_000.0)
        from text in Gen.Elements(" ", "  ", "\n", ":", "- ", "#", "'", "\"", "[", "]", "{", "}", ",", "\t", "\r", "---\n", "a", "&", "\\")
        from length in Gen.Choose(1, 3)
        select new EditOp(insert, position, text, length);

    private static string Apply(string text, EditOp edit)
    {
        var at = (int)(edit.Where * text.Length);
        if (edit.Insert) return text.Insert(at, edit.Text);
        return at >= text.Length ? text : text.Remove(at, Math.Min(edit.Length, text.Length - at));
    }
}
