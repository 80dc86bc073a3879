using Steward.Core.Governance.Yaml;
using Steward.TestSupport;

namespace Steward.Core.Tests.Governance.Yaml;

/// <summary>
/// SimpleYamlEvents against YamlDotNet's parser: on every YAML file of the repository, of ../shared
/// and of the generated check-benchmark repositories, it either declines or produces exactly the
/// parser's events (all fields, marks included). Generated documents are in SimpleYamlEventsPropertyTests.
/// </summary>
public sealed class SimpleYamlEventsTests(ITestOutputHelper output)
{
    private const string Tags = "tags=!=!,!!=tag:yaml.org,2002:";

    [Fact]
    public void A_one_key_mapping_gives_the_events_and_marks_worked_out_by_hand()
    {
        // "a: b\n": a at index 0 (line 1, column 1) ends before index 1; b at index 3 (column 4) ends
        // before index 4; after the final line break the scanner stands at index 5, line 2, column 1,
        // where the mapping, the document and the stream end.
        string[] expected =
        [
            "StreamStart (0,1,1)-(0,1,1)",
            $"DocumentStart (0,1,1)-(0,1,1) implicit=True version=(none) {Tags}",
            "MappingStart (0,1,1)-(0,1,1) anchor=(empty) tag=(empty) implicit=True style=Block",
            "Scalar (0,1,1)-(1,1,2) anchor=(empty) tag=(empty) value=\"a\" style=Plain plainImplicit=True quotedImplicit=False",
            "Scalar (3,1,4)-(4,1,5) anchor=(empty) tag=(empty) value=\"b\" style=Plain plainImplicit=True quotedImplicit=False",
            "MappingEnd (5,2,1)-(5,2,1)",
            "DocumentEnd (5,2,1)-(5,2,1) implicit=True",
            "StreamEnd (5,2,1)-(5,2,1)",
        ];

        ParsingEventText.Describe(SimpleYamlEvents.TryRead("a: b\n")!).Should().Equal(expected);
        ParsingEventText.Describe(ParsingEventText.YamlDotNetEvents("a: b\n")!).Should().Equal(expected);
    }

    [Fact]
    public void An_indentless_sequence_with_CRLF_and_a_trailing_empty_document_gives_the_marks_worked_out_by_hand()
    {
        // Indexes: k 0, ':' 1, CRLF 2-3, '-' 4, x 6, CRLF 7-8, "---" 9-11, CRLF 12-13, end 14 (line 4).
        // The indentless sequence starts at its '-' and ends after it; it, the mapping and the first
        // document end where "---" starts. The empty second document's scalar stands where YamlDotNet's
        // scanner stands after making the stream-end token at 14: it skips one more "character", to
        // index 15, column 2 (a position past the input, but that is where YamlDotNet puts it).
        const string text = "k:\r\n- x\r\n---\r\n";
        string[] expected =
        [
            "StreamStart (0,1,1)-(0,1,1)",
            $"DocumentStart (0,1,1)-(0,1,1) implicit=True version=(none) {Tags}",
            "MappingStart (0,1,1)-(0,1,1) anchor=(empty) tag=(empty) implicit=True style=Block",
            "Scalar (0,1,1)-(1,1,2) anchor=(empty) tag=(empty) value=\"k\" style=Plain plainImplicit=True quotedImplicit=False",
            "SequenceStart (4,2,1)-(5,2,2) anchor=(empty) tag=(empty) implicit=True style=Block",
            "Scalar (6,2,3)-(7,2,4) anchor=(empty) tag=(empty) value=\"x\" style=Plain plainImplicit=True quotedImplicit=False",
            "SequenceEnd (9,3,1)-(9,3,1)",
            "MappingEnd (9,3,1)-(9,3,1)",
            "DocumentEnd (9,3,1)-(9,3,1) implicit=True",
            $"DocumentStart (9,3,1)-(12,3,4) implicit=False version=(none) {Tags}",
            "Scalar (15,4,2)-(15,4,2) anchor=(empty) tag=(empty) value=\"\" style=Plain plainImplicit=True quotedImplicit=False",
            "DocumentEnd (14,4,1)-(14,4,1) implicit=True",
            "StreamEnd (14,4,1)-(14,4,1)",
        ];

        ParsingEventText.Describe(SimpleYamlEvents.TryRead(text)!).Should().Equal(expected);
        ParsingEventText.Describe(ParsingEventText.YamlDotNetEvents(text)!).Should().Equal(expected);
    }

    [Fact]
    public void Quoted_scalars_and_flow_collections_give_YamlDotNets_values_and_styles()
    {
        // Values as YAML defines them: '' is one quote, \" \t \u00e9 are escapes; in a flow mapping
        // a value left out is an empty plain scalar placed at the ',' that follows.
        const string text = "a: 'it''s'\nb: \"x\\t\\\"\\u00e9\"\nc: {d: [1, 'e'], f: , g: h:i}\n\"j\": http://k#l # c\n";
        var events = SimpleYamlEvents.TryRead(text)!;

        events.OfType<YamlDotNet.Core.Events.Scalar>().Select(s => (s.Value, s.Style)).Should().Equal(
            ("a", YamlDotNet.Core.ScalarStyle.Plain), ("it's", YamlDotNet.Core.ScalarStyle.SingleQuoted),
            ("b", YamlDotNet.Core.ScalarStyle.Plain), ("x\t\"é", YamlDotNet.Core.ScalarStyle.DoubleQuoted),
            ("c", YamlDotNet.Core.ScalarStyle.Plain), ("d", YamlDotNet.Core.ScalarStyle.Plain),
            ("1", YamlDotNet.Core.ScalarStyle.Plain), ("e", YamlDotNet.Core.ScalarStyle.SingleQuoted),
            ("f", YamlDotNet.Core.ScalarStyle.Plain), ("", YamlDotNet.Core.ScalarStyle.Plain),
            ("g", YamlDotNet.Core.ScalarStyle.Plain), ("h:i", YamlDotNet.Core.ScalarStyle.Plain),
            ("j", YamlDotNet.Core.ScalarStyle.DoubleQuoted), ("http://k#l", YamlDotNet.Core.ScalarStyle.Plain));
        ParsingEventText.Describe(events).Should().Equal(ParsingEventText.Describe(ParsingEventText.YamlDotNetEvents(text)!));
    }

    [Theory]
    [InlineData("a: &x b\nc: *x\n")] // anchor, alias
    [InlineData("a: !!str b\n")] // tag
    [InlineData("%YAML 1.2\n---\na: b\n")] // directive
    [InlineData("a: |\n  x\n")] // literal block scalar
    [InlineData("a: >\n  x\n")] // folded block scalar
    [InlineData("a: b\n  c\n")] // multi-line plain scalar
    [InlineData("a: \"b\n  c\"\n")] // multi-line quoted scalar
    [InlineData("? a\n: b\n")] // complex key
    [InlineData("a:\n\tb: c\n")] // tab
    [InlineData("\uFEFFa: b\n")] // BOM
    [InlineData("a: b\n...\n")] // document end marker
    [InlineData("a: [b,\n  c]\n")] // multi-line flow
    [InlineData("plain\n")] // root scalar
    [InlineData("a: b: c\n")] // malformed: YamlDotNet's error must stay its own
    [InlineData("a:\n  b: c\n d: e\n")] // malformed indentation
    [InlineData("a: [b, c\n")] // unterminated flow
    [InlineData("a: \"b\"#c\n")] // malformed comment
    public void Outside_the_subset_it_declines(string text)
    {
        SimpleYamlEvents.TryRead(text).Should().BeNull();
    }

    [Fact]
    public void Every_YAML_file_of_the_repository_and_of_shared_is_declined_or_read_exactly_as_YamlDotNet_reads_it()
    {
        var repository = YamlFilesUnder(RepositoryPaths.Root).ToList();
        var shared = YamlFilesUnder(RepositoryPaths.Shared).ToList();
        var (inRepository, repositoryMismatches) = Compare(repository);
        var (inShared, sharedMismatches) = Compare(shared);
        var (files, accepted) = (repository.Concat(shared).ToList(), inRepository + inShared);

        output.WriteLine($"{inRepository} of {repository.Count} repository YAML files and {inShared} of {shared.Count} shared ones read by SimpleYamlEvents");
        repositoryMismatches.Concat(sharedMismatches).Should().BeEmpty();
        // Most of the repository's files are plain manifests: a reader that declined them all would prove nothing.
        files.Count.Should().BeGreaterThan(100);
        accepted.Should().BeGreaterThan(files.Count / 2);
    }

    [Fact]
    public void Every_file_of_the_generated_check_benchmark_repositories_is_read_exactly_as_YamlDotNet_reads_it()
    {
        // bench/generate-check-repo.py's output, when it is there (it is generated for the benchmarks).
        var roots = new[] { "/tmp/steward-bench-check-5000", "/tmp/steward-bench-check-50000" }.Where(Directory.Exists).ToList();
        Assert.SkipWhen(roots.Count == 0, "no generated benchmark repository under /tmp (bench/generate-check-repo.py)");
        // Of the 50,000-object one every 7th file: the same templates, a tenth of the time.
        var files = roots.SelectMany(r => YamlFilesUnder(r).Where((_, i) => !r.EndsWith("50000", StringComparison.Ordinal) || i % 7 == 0)).ToList();
        var (accepted, mismatches) = Compare(files);

        output.WriteLine($"{accepted} of {files.Count} generated benchmark files read by SimpleYamlEvents");
        mismatches.Should().BeEmpty();
        accepted.Should().Be(files.Count, "the generated repository is the subset the reader exists for");
    }

    private static (int Accepted, List<string> Mismatches) Compare(IEnumerable<string> files)
    {
        var accepted = 0;
        var mismatches = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var fast = SimpleYamlEvents.TryRead(text);
            if (fast is null) continue;
            accepted++;
            if (EventDifference(text, fast) is { } difference) mismatches.Add($"{file}: {difference}");
        }
        return (accepted, mismatches);
    }

    /// <summary>Null when <paramref name="fast"/> equals YamlDotNet's events for <paramref name="text"/>, else the first difference.</summary>
    internal static string? EventDifference(string text, IReadOnlyList<YamlDotNet.Core.Events.ParsingEvent> fast)
    {
        if (ParsingEventText.YamlDotNetEvents(text) is not { } reference) return "YamlDotNet rejects the text, the fast reader did not";
        var (mine, theirs) = (ParsingEventText.Describe(fast), ParsingEventText.Describe(reference));
        for (var i = 0; i < Math.Max(mine.Count, theirs.Count); i++)
        {
            var a = i < mine.Count ? mine[i] : "(none)";
            var b = i < theirs.Count ? theirs[i] : "(none)";
            if (a != b) return $"event {i}: fast {a} / YamlDotNet {b}";
        }
        return null;
    }

    private static IEnumerable<string> YamlFilesUnder(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                    && !f.Contains("/node_modules/", StringComparison.Ordinal) && !f.Contains("/.git/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [];
}
