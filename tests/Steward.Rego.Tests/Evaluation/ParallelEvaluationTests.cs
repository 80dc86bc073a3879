using System.Text;
using Steward.Rego.Evaluation;
using Steward.Rego.Values;

namespace Steward.Rego.Tests;

/// <summary>
/// A partial rule over a large input collection computed by several workers must give what one
/// core gives: the same value, the same object-key conflict, the same first error (code,
/// message, location) wherever in the input the failing members are, the same limit errors.
/// Each case runs the query sequentially (<see cref="EvalOptions.ParallelEvaluation"/> off) and
/// in parallel (3 workers, whatever this machine's cores: uneven chunks per worker) and
/// compares; it also checks that the parallel run did split the work, and, where the
/// expected outcome can be derived by hand from the generated input, checks that too.
/// </summary>
public class ParallelEvaluationTests
{
    private const int Members = 3000;

    /// <summary>
    /// Objects {name: "o{i}", ns: "n{i % 7}", kind: A|B|C, n: 0..99, labels: {team?, cost?},
    /// containers: [{name, cpu?}...], num: "i" or, at the given indices, "bad-i"}, from a seed.
    /// </summary>
    private static string Objects(int seed, int count, params int[] badAt)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("{\"name\":\"o").Append(i).Append("\",\"ns\":\"n").Append(i % 7).Append("\",\"kind\":\"").Append("ABC"[random.Next(3)]).Append('"');
            sb.Append(",\"n\":").Append(random.Next(100)).Append(",\"labels\":{");
            var labels = new List<string>();
            if (random.Next(3) > 0) labels.Add("\"team\":\"t" + random.Next(5) + "\"");
            if (random.Next(2) > 0) labels.Add("\"cost\":\"c" + random.Next(5) + "\"");
            sb.Append(string.Join(',', labels)).Append("},\"containers\":[");
            var containers = random.Next(4);
            for (var c = 0; c < containers; c++)
            {
                if (c > 0) sb.Append(',');
                sb.Append("{\"name\":\"c").Append(c).Append('"');
                if (random.Next(2) > 0) sb.Append(",\"cpu\":\"").Append(random.Next(1, 4)).Append('"');
                sb.Append('}');
            }
            sb.Append("],\"num\":\"").Append(Array.IndexOf(badAt, i) >= 0 ? "bad-" : "").Append(i).Append("\"}");
        }
        return sb.Append(']').ToString();
    }

    private sealed record Outcome(string? Value, string? Error, int ParallelItems);

    private static Outcome Run(string module, string query, string inputJson, bool parallel, EvalLimits? limits = null, bool strict = false)
    {
        var engine = new RegoEngine();
        engine.AddModule("p.rego", module);
        engine.Compile();
        var items = 0;
        var options = new EvalOptions
        {
            ParallelEvaluation = parallel,
            ParallelWorkers = 3,
            ParallelObserver = n => items += n,
            Limits = limits ?? EvalLimits.Default,
            StrictBuiltinErrors = strict,
        };
        try
        {
            var results = engine.Evaluate(query, RegoValue.FromJson(inputJson), options);
            return new Outcome(results.Count == 0 ? "undefined" : results[0].Bindings["x"].ToJson(), null, items);
        }
        catch (RegoException e)
        {
            return new Outcome(null, $"{e.Code} | {e.Message} | {e.Location}", items);
        }
    }

    /// <summary>Runs both ways; the parallel run must have split the work and match the sequential one exactly.</summary>
    private static Outcome Both(string module, string query, string inputJson, EvalLimits? limits = null, bool strict = false)
    {
        var sequential = Run(module, query, inputJson, parallel: false, limits, strict);
        var parallel = Run(module, query, inputJson, parallel: true, limits, strict);
        sequential.ParallelItems.Should().Be(0);
        parallel.ParallelItems.Should().BeGreaterThan(1, "the rule iterates over {0} members", Members);
        parallel.Value.Should().Be(sequential.Value);
        parallel.Error.Should().Be(sequential.Error);
        return parallel;
    }

    private const string SetPolicy = """
        package x
        import rego.v1

        required := {"team", "cost"}

        violations contains msg if {
            some obj in input
            provided := {label | obj.labels[label]}
            missing := required - provided
            count(missing) > 0
            msg := sprintf("%s/%s: missing %v", [obj.ns, obj.name, sort(missing)])
        }

        violations contains msg if {
            some i
            obj := input[i]
            some c in obj.containers
            not c.cpu
            msg := sprintf("%d %s/%s: container %s has no cpu", [i, obj.ns, obj.name, c.name])
        }

        violations contains msg if {
            input[_] = obj
            obj.n > 97
            not data.x.small with input as obj
            msg := sprintf("%s: large", [obj.name])
        }

        violations contains "a body over nothing large" if count(required) == 2

        small if input.n < 10
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_partial_set_of_several_bodies_is_the_same_in_parallel(int seed)
    {
        var input = Objects(seed, Members);
        var outcome = Both(SetPolicy, "x := data.x.violations", input);
        outcome.Error.Should().BeNull();
        // Independently: the same count from the generated objects by the policy's definition, in C#.
        var objects = (RegoArray)RegoValue.FromJson(input);
        var expected = 1;
        foreach (var o in objects.Items.Cast<RegoObject>())
        {
            var labels = (RegoObject)o.Get("labels")!;
            if (labels.Count < 2) expected++;
            expected += ((RegoArray)o.Get("containers")!).Items.Count(c => ((RegoObject)c).Get("cpu") is null);
            if (o.Get("n") is RegoNumber n && n.TryGetInt32(out var v) && v > 97) expected++;
        }
        ((RegoArray)RegoValue.FromJson(outcome.Value!)).Count.Should().Be(expected);
    }

    [Fact]
    public void Members_of_an_object_or_a_set_are_split_in_the_order_one_core_iterates_them()
    {
        // The same objects keyed by name ({"o0": {...}, ...}) and the bad member's error: objects
        // iterate in key order, where "o1000" comes before "o2" (so 1,000 before 2).
        var objects = (RegoArray)RegoValue.FromJson(Objects(101, Members, 2, 1000));
        var keyed = RegoObject.FromStrings(objects.Items.Select(o => new KeyValuePair<string, RegoValue>(((RegoString)((RegoObject)o).Get("name")!).Value, o)));
        const string module = """
            package x
            import rego.v1
            large contains k if {
                some k, obj in input
                obj.n > 50
            }
            large contains k if {
                obj := input[k]
                obj.kind == "A"
            }
            numbers[k] := n if {
                some k, obj in input
                n := to_number(obj.num)
            }
            """;
        var json = keyed.ToJson();
        Both(module, "x := data.x.large", json).Error.Should().BeNull();
        Both(module, "x := data.x.numbers", json, strict: true).Error.Should().StartWith("eval_builtin_error | to_number: strconv.ParseFloat: parsing \"bad-1000\"");
        // A set of 3,000 numbers (not expressible in JSON: given as a value): the even ones.
        var set = new RegoSet(Enumerable.Range(0, Members).Select(i => (RegoValue)RegoNumber.FromInteger(i)));
        const string setModule = """
            package x
            import rego.v1
            even contains n if {
                some n in input
                n % 2 == 0
            }
            """;
        var engine = new RegoEngine();
        engine.AddModule("p.rego", setModule);
        var items = 0;
        var parallel = engine.Evaluate("x := count(data.x.even)", set, new EvalOptions { ParallelWorkers = 3, ParallelObserver = n => items += n });
        items.Should().BeGreaterThan(1);
        parallel[0].Bindings["x"].ToJson().Should().Be("1500");
    }

    [Fact]
    public void Parallel_output_is_deterministic()
    {
        var input = Objects(7, Members);
        var first = Run(SetPolicy, "x := data.x.violations", input, parallel: true);
        for (var i = 0; i < 5; i++) Run(SetPolicy, "x := data.x.violations", input, parallel: true).Should().Be(first);
    }

    private const string ObjectPolicy = """
        package x
        import rego.v1

        by_name[obj.name] := obj.n if {
            some obj in input
            obj.kind != "C"
        }

        by_name[name] := n if {
            some k, obj in input
            obj.kind == "C"
            name := obj.name
            n := k
        }

        by_ns[obj.ns] contains obj.name if {
            some obj in input
        }
        """;

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void A_partial_object_is_the_same_in_parallel(int seed)
    {
        var input = Objects(seed, Members);
        var names = Both(ObjectPolicy, "x := count(data.x.by_name)", input);
        names.Value.Should().Be(Members.ToString(System.Globalization.CultureInfo.InvariantCulture), "every name is unique");
        var byNs = Both(ObjectPolicy, "x := [n | some ns, names in data.x.by_ns; n := count(names)]", input);
        // i % 7 for i < 3,000 = 7 × 428 + 4: namespaces n0..n3 get 429 objects, n4..n6 get 428.
        byNs.Value.Should().Be("[429,429,429,429,428,428,428]");
        Both(ObjectPolicy, "x := data.x.by_name", input).Error.Should().BeNull();
    }

    [Fact]
    public void An_object_key_conflict_is_found_as_on_one_core()
    {
        // by_kind[kind] := name: every kind has many names, so the second object of any kind conflicts.
        const string module = """
            package x
            import rego.v1
            by_kind[obj.kind] := obj.name if {
                some obj in input
            }
            """;
        var outcome = Both(module, "x := data.x.by_kind", Objects(21, Members));
        outcome.Error.Should().StartWith("eval_conflict_error | object keys must be unique | p.rego:3");
    }

    private const string ErrorPolicy = """
        package x
        import rego.v1

        first contains n if {
            some obj in input
            obj.kind != "Z"
            n := to_number(obj.num)
        }

        first contains n if {
            some obj in input
            n := to_number(obj.num) + 1000000
        }
        """;

    [Theory]
    // One bad member: its error (the message names it).
    [InlineData(new[] { 2500 }, "bad-2500")]
    // Bad members in the first and last chunks: the first chunk's.
    [InlineData(new[] { 2990, 10 }, "bad-10")]
    // Two bad members in one chunk and one in an earlier chunk: the earliest member's.
    [InlineData(new[] { 1700, 1650, 900 }, "bad-900")]
    // The last member of the first chunk (0..599) and the first of the second: the second chunk's
    // worker fails first in time; one core fails at 599 first.
    [InlineData(new[] { 600, 599 }, "bad-599")]
    public void The_first_error_in_sequential_order_is_reported(int[] badAt, string named)
    {
        var outcome = Both(ErrorPolicy, "x := count(data.x.first)", Objects(31, Members, badAt), strict: true);
        outcome.Error.Should().Be($"eval_builtin_error | to_number: strconv.ParseFloat: parsing \"{named}\": invalid syntax | p.rego:7:10");
    }

    [Fact]
    public void An_error_of_an_earlier_body_comes_before_an_earlier_member_of_a_later_body()
    {
        // Member 2,900 fails in the first body, member 5 in the second: one core evaluates the
        // first body over all members first, so 2,900's error is reported although 5 comes
        // earlier in the input (and in parallel, the second body's chunk may well fail first).
        const string module = """
            package x
            import rego.v1
            r contains n if {
                some obj in input
                obj.name == "o2900"
                n := to_number("bad-first-body")
            }
            r contains n if {
                some obj in input
                obj.name == "o5"
                n := to_number("bad-second-body")
            }
            """;
        var outcome = Both(module, "x := data.x.r", Objects(41, Members), strict: true);
        outcome.Error.Should().Be("eval_builtin_error | to_number: strconv.ParseFloat: parsing \"bad-first-body\": invalid syntax | p.rego:6:10");
    }

    [Fact]
    public void The_allocation_budget_applies_to_all_workers_and_trips_as_on_one_core()
    {
        // Each member builds a string of 1,000 characters (2,000 bytes of the budget, plus
        // overheads): 3,000 members need 6 MB, over a budget of 1 MB.
        const string module = """
            package x
            import rego.v1
            big contains s if {
                some obj in input
                s := sprintf("%1000s", [obj.name])
            }
            """;
        var limits = EvalLimits.Default with { MaxAllocationBytes = 1024 * 1024 };
        var outcome = Both(module, "x := count(data.x.big)", Objects(51, Members), limits);
        outcome.Error.Should().StartWith("eval_limit_error | ").And.Contain("bytes of values (maxAllocationBytes)");
        // Within a budget large enough, the result: 3,000 distinct strings.
        Both(module, "x := count(data.x.big)", Objects(51, Members), EvalLimits.Default with { MaxAllocationBytes = 64 * 1024 * 1024 }).Value.Should().Be("3000");
    }

    [Fact]
    public void A_collection_size_limit_trips_at_the_same_member()
    {
        // Members with n >= 95 build an array of n + 1 elements, over the limit of 95.
        const string module = """
            package x
            import rego.v1
            sizes contains count(xs) if {
                some obj in input
                xs := numbers.range(0, obj.n)
            }
            """;
        var outcome = Both(module, "x := data.x.sizes", Objects(61, Members), EvalLimits.Default with { MaxCollectionSize = 95 });
        outcome.Error.Should().StartWith("eval_limit_error | numbers.range: a collection of");
    }

    [Fact]
    public void The_depth_limit_trips_as_on_one_core()
    {
        const string module = """
            package x
            import rego.v1
            deep contains obj.name if {
                some obj in input
                data.x.a
            }
            a if data.x.b
            b if data.x.c
            c := true
            """;
        var outcome = Both(module, "x := count(data.x.deep)", Objects(71, Members), EvalLimits.Default with { MaxDepth = 3 });
        outcome.Error.Should().Be("eval_limit_error | evaluation too deep: rule nesting limit exceeded | ");
        Both(module, "x := count(data.x.deep)", Objects(71, Members), EvalLimits.Default with { MaxDepth = 4 }).Value.Should().Be("3000");
    }

    [Fact]
    public void The_time_budget_stops_all_workers()
    {
        // 3,000 members × 20,000 steps each: seconds of work, stopped by a budget of 100 ms.
        const string module = """
            package x
            import rego.v1
            slow contains n if {
                some obj in input
                n := count([y | some y in numbers.range(1, 20000); y % 7 == obj.n])
            }
            """;
        var limits = EvalLimits.Default with { Timeout = TimeSpan.FromMilliseconds(100) };
        var outcome = Run(module, "x := data.x.slow", Objects(81, Members), parallel: true, limits);
        outcome.ParallelItems.Should().BeGreaterThan(1);
        // Where the budget runs out (the location, if any) differs from run to run, on one core too.
        outcome.Error.Should().StartWith("eval_cancel_error | evaluation cancelled: time budget of 100ms per query exceeded (timeout) | ");
    }

    [Fact]
    public void Small_inputs_a_step_limit_or_a_rule_under_with_stay_on_one_core()
    {
        // 2,047 members: below the threshold.
        Run(SetPolicy, "x := count(data.x.violations)", Objects(91, Evaluator.ParallelMinMembers - 1), parallel: true).ParallelItems.Should().Be(0);
        Run(SetPolicy, "x := count(data.x.violations)", Objects(91, Evaluator.ParallelMinMembers), parallel: true).ParallelItems.Should().BeGreaterThan(1);
        var input = Objects(92, Members);
        var stepLimited = Run(SetPolicy, "x := count(data.x.violations)", input, parallel: true, EvalLimits.Default with { MaxSteps = 10_000_000 });
        stepLimited.ParallelItems.Should().Be(0);
        stepLimited.Value.Should().Be(Run(SetPolicy, "x := count(data.x.violations)", input, parallel: true).Value);
        var engine = new RegoEngine();
        engine.AddModule("p.rego", SetPolicy);
        var items = 0;
        var underWith = engine.Evaluate("y := input; x := count(data.x.violations) with input as y", RegoValue.FromJson(input), new EvalOptions { ParallelWorkers = 3, ParallelObserver = n => items += n });
        items.Should().Be(0);
        underWith[0].Bindings["x"].ToJson().Should().Be(stepLimited.Value);
    }

    [Fact]
    public void A_policy_that_prints_or_draws_random_values_stays_on_one_core()
    {
        const string module = """
            package x
            import rego.v1
            r contains n if {
                some obj in input
                n := rand.intn("seed", 10) + obj.n
            }
            """;
        Run(module, "x := count(data.x.r) >= 1", Objects(93, Members), parallel: true).ParallelItems.Should().Be(0);
        var printing = SetPolicy.Replace("small if input.n < 10", "small if { print(input.n); input.n < 10 }", StringComparison.Ordinal);
        var engine = new RegoEngine();
        engine.AddModule("p.rego", printing);
        var items = 0;
        var output = new StringWriter();
        engine.Evaluate("x := count(data.x.violations)", RegoValue.FromJson(Objects(94, Members)), new EvalOptions { ParallelWorkers = 3, ParallelObserver = n => items += n, PrintOutput = output });
        items.Should().Be(0);
        output.ToString().Should().NotBeEmpty();
    }
}
