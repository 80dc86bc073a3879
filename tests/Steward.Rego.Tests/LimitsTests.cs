using System.Text;
using Steward.Rego.Evaluation;

namespace Steward.Rego.Tests;

/// <summary>
/// EvalLimits: each probe of issue 12 (huge sprintf width, doubling concat and replace chains,
/// a serialized value far larger than it is in memory, runaway collections, a backtracking
/// regex) ends with an eval_limit_error or eval_cancel_error naming the limit, after allocating
/// a bounded amount of memory. No timing assertion: a probe that did not stop would not return.
/// </summary>
public class LimitsTests
{
    private const long OneMiB = 1024 * 1024;

    private static readonly EvalLimits Small = EvalLimits.Default with { MaxStringBytes = OneMiB };

    private static (RegoException Error, long Allocated) Fail(string module, string query, EvalLimits limits) =>
        FailWith(module, query, limits, TestContext.Current.CancellationToken);

    private static (RegoException Error, long Allocated) FailWith(string module, string query, EvalLimits limits, CancellationToken cancel)
    {
        var engine = new RegoEngine();
        engine.AddModule("limits.rego", module);
        engine.Compile();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => engine.Evaluate(query, null, new EvalOptions { Limits = limits, CancellationToken = cancel });
        var error = act.Should().Throw<RegoException>().Which;
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>s0 is 16 characters; s(k+1) is built from s(k) by <paramref name="step"/>; 40 steps would be 16·2^40 characters.</summary>
    private static string Chain(string s0, string step)
    {
        var sb = new StringBuilder("package t\n").Append("s0 := \"").Append(s0).Append("\"\n");
        for (var i = 0; i < 40; i++) sb.Append('s').Append(i + 1).Append(" := ").Append(step.Replace("PREV", "s" + i, StringComparison.Ordinal)).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public void A_huge_sprintf_width_is_refused_before_padding()
    {
        // Width 1,000,000,000 characters = 2,000,000,000 bytes, over the default 32 MiB = 33,554,432 bytes.
        var (error, allocated) = Fail("package t\nx := sprintf(\"%1000000000d\", [1])", "y := data.t.x", EvalLimits.Default);
        error.Code.Should().Be("eval_limit_error");
        error.Message.Should().Be("sprintf: a string of 2000000000 bytes exceeds 33554432 bytes (maxStringBytes)");
        allocated.Should().BeLessThan(16 * OneMiB);
    }

    [Fact]
    public void A_huge_sprintf_precision_is_refused()
    {
        var (error, _) = Fail("package t\nx := sprintf(\"%.900000000f\", [1.5])", "y := data.t.x", Small);
        error.Message.Should().Be("sprintf: a string of 1800000000 bytes exceeds 1048576 bytes (maxStringBytes)");
    }

    [Fact]
    public void A_doubling_concat_chain_stops_at_the_string_limit()
    {
        // s15 = 16·2^15 = 524,288 characters = 1,048,576 bytes (the limit, allowed);
        // s16 = 1,048,576 characters = 2,097,152 bytes, refused.
        var (error, allocated) = Fail(Chain("0123456789abcdef", "concat(\"\", [PREV, PREV])"), "y := data.t.s40", Small);
        error.Code.Should().Be("eval_limit_error");
        error.Message.Should().Be("concat: a string of 2097152 bytes exceeds 1048576 bytes (maxStringBytes)");
        allocated.Should().BeLessThan(32 * OneMiB);
    }

    [Fact]
    public void A_doubling_replace_chain_stops_at_the_string_limit()
    {
        // Each replace doubles the a's: the same sizes as the concat chain.
        var (error, allocated) = Fail(Chain("aaaaaaaaaaaaaaaa", "replace(PREV, \"a\", \"aa\")"), "y := data.t.s40", Small);
        error.Message.Should().Be("replace: a string of 2097152 bytes exceeds 1048576 bytes (maxStringBytes)");
        allocated.Should().BeLessThan(32 * OneMiB);
    }

    [Fact]
    public void A_doubling_replace_n_chain_stops_at_the_string_limit()
    {
        // replace_n checks as it appends: it stops at the first piece past 524,288 characters.
        var (error, allocated) = Fail(Chain("aaaaaaaaaaaaaaaa", "strings.replace_n({\"a\": \"aa\"}, PREV)"), "y := data.t.s40", Small);
        error.Message.Should().Be("strings.replace_n: a string of 1048580 bytes exceeds 1048576 bytes (maxStringBytes)");
        allocated.Should().BeLessThan(32 * OneMiB);
    }

    [Fact]
    public void A_squaring_chain_of_exact_integers_stops_at_the_size_limit()
    {
        // x0 = 2^64 - 1 (8 bytes as a BigInteger, 9 with its sign byte); each square doubles the
        // bytes: x(k) has about 8·2^k, so x17 (about 1 MiB) is the first product refused.
        var sb = new StringBuilder("package t\nx0 := 18446744073709551615\n");
        for (var i = 0; i < 40; i++) sb.Append($"x{i + 1} := x{i} * x{i}\n");
        // The products up to x16 take a while on a loaded machine: the time budget must not end the test first.
        var (error, allocated) = Fail(sb.ToString(), "y := data.t.x40", Small with { Timeout = TimeSpan.FromMinutes(2) });
        error.Code.Should().Be("eval_limit_error");
        error.Message.Should().Match("mul: a number of * bytes exceeds 1048576 bytes (maxStringBytes)");
        allocated.Should().BeLessThan(64 * OneMiB);
    }

    [Fact]
    public void Many_large_strings_exhaust_the_allocation_budget()
    {
        // big: 500,000 characters, charged 24 + 1,000,000 bytes. Each copy (i = 1..9) is 500,001
        // characters: 1,000,026 bytes, plus 26 for sprintf("%d") and 16 for the comprehension
        // element; numbers.range(1, 100) is 24 + 16·100 = 1,624. After 7 copies: 8,002,124 bytes;
        // the 8th concat brings 9,002,176 > 8 MiB = 8,388,608.
        const string module = """
            package t
            big := sprintf("%500000s", ["x"])
            copies := [concat("", [big, sprintf("%d", [i])]) | some i in numbers.range(1, 100)]
            """;
        var (error, allocated) = Fail(module, "y := data.t.copies", Small with { MaxAllocationBytes = 8 * OneMiB });
        error.Code.Should().Be("eval_limit_error");
        error.Message.Should().Be("concat: the query built more than 8388608 bytes of values (maxAllocationBytes)");
        allocated.Should().BeLessThan(64 * OneMiB);
    }

    [Fact]
    public void Serializing_many_references_to_one_string_is_refused_before_writing()
    {
        // 1,000 references to one 100,000-character string: 100 MB of JSON from 200 KB of memory.
        const string module = """
            package t
            big := sprintf("%100000s", ["x"])
            x := json.marshal([big | some i in numbers.range(1, 1000)])
            """;
        var (error, allocated) = Fail(module, "y := data.t.x", Small);
        error.Message.Should().Match("json.marshal: a string of * bytes exceeds 1048576 bytes (maxStringBytes)");
        allocated.Should().BeLessThan(16 * OneMiB);
    }

    [Fact]
    public void A_huge_range_is_refused_before_it_is_built()
    {
        var (error, allocated) = Fail("package t\nx := count(numbers.range(1, 1000000000))", "y := data.t.x", EvalLimits.Default);
        error.Message.Should().Be("numbers.range: a collection of 1000000000 elements exceeds 1000000 elements (maxCollectionSize)");
        allocated.Should().BeLessThan(4 * OneMiB);
    }

    [Fact]
    public void A_comprehension_stops_at_the_collection_limit()
    {
        // 100 × 100 = 10,000 pairs; the 1,001st is refused.
        const string module = "package t\nx := [[i, j] | some i in numbers.range(1, 100); some j in numbers.range(1, 100)]";
        var (error, _) = Fail(module, "y := data.t.x", EvalLimits.Default with { MaxCollectionSize = 1000 });
        error.Message.Should().Be("array comprehension: a collection of 1001 elements exceeds 1000 elements (maxCollectionSize)");
    }

    [Fact]
    public void Array_concat_is_refused_before_it_is_built()
    {
        const string module = "package t\na := numbers.range(1, 600)\nx := array.concat(a, a)";
        var (error, _) = Fail(module, "y := data.t.x", EvalLimits.Default with { MaxCollectionSize = 1000 });
        error.Message.Should().Be("array.concat: a collection of 1200 elements exceeds 1000 elements (maxCollectionSize)");
    }

    [Fact]
    public void The_step_limit_stops_a_long_loop()
    {
        const string module = "package t\nx := count([i | some i in numbers.range(1, 100000); i > 0])";
        var (error, _) = Fail(module, "y := data.t.x", EvalLimits.Default with { MaxSteps = 1000 });
        error.Code.Should().Be("eval_limit_error");
        error.Message.Should().Be("evaluation exceeded 1000 steps (maxSteps)");
    }

    [Fact]
    public void A_backtracking_regex_is_a_cancel_error_not_a_crash()
    {
        // (a+)+$ against a's followed by '!' backtracks exponentially in .NET's engine.
        const string module = "package t\nx := regex.match(`^(a+)+$`, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\")";
        var (error, _) = Fail(module, "y := data.t.x", EvalLimits.Default with { Timeout = TimeSpan.FromMilliseconds(300) });
        error.Code.Should().Be("eval_cancel_error");
        error.Message.Should().Be("regex.match: regular expression match exceeded the time budget of 300ms per query (timeout)");
        error.Location!.Line.Should().Be(2);
    }

    [Fact]
    public void A_backtracking_schema_pattern_is_a_cancel_error_too()
    {
        const string module = "package t\nx := json.match_schema({\"n\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"}, {\"properties\": {\"n\": {\"type\": \"string\", \"pattern\": \"^(a+)+$\"}}})";
        var (error, _) = Fail(module, "y := data.t.x", EvalLimits.Default with { Timeout = TimeSpan.FromMilliseconds(300) });
        error.Code.Should().Be("eval_cancel_error");
        error.Message.Should().Be("json.match_schema: regular expression match exceeded the time budget of 300ms per query (timeout)");
    }

    [Fact]
    public void A_cancelled_run_stops_at_the_next_builtin()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var (error, _) = FailWith("package t\nx := concat(\"-\", [\"a\", \"b\"])", "y := data.t.x", EvalLimits.Default, cts.Token);
        error.Code.Should().Be("eval_cancel_error");
        error.Message.Should().Be("evaluation cancelled");
    }

    [Fact]
    public void Eval_options_shorthands_read_and_write_the_limits()
    {
        var options = new EvalOptions { Timeout = TimeSpan.FromSeconds(2), MaxCollectionSize = 7 };
        options.Limits.Timeout.Should().Be(TimeSpan.FromSeconds(2));
        options.Limits.MaxCollectionSize.Should().Be(7);
        options.Limits.MaxStringBytes.Should().Be(32 * OneMiB);
    }

    [Fact]
    public void Deeply_nested_json_input_is_an_error_not_a_stack_overflow()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        var act = () => Steward.Rego.Values.RegoJson.Parse(json);
        act.Should().Throw<RegoException>().Which.Message.Should().StartWith("invalid JSON:");
    }
}
