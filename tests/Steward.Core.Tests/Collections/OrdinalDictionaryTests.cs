using AwesomeAssertions;
using Steward.Core.Collections;

namespace Steward.Core.Tests.Collections;

/// <summary>The reference is the framework's SortedDictionary with the ordinal comparer, which OrdinalDictionary replaced.</summary>
public class OrdinalDictionaryTests
{
    [Fact]
    public void Matches_an_ordinal_SortedDictionary_over_random_insertions()
    {
        var random = new Random(20261202);
        for (var round = 0; round < 200; round++)
        {
            var builder = new OrdinalDictionary<int>.Builder();
            var reference = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var n = random.Next(0, 40);
            for (var i = 0; i < n; i++)
            {
                // Short keys from a small alphabet with upper and lower case: repeats (last value wins) and ordinal-vs-culture order both occur.
                var key = new string(Enumerable.Range(0, random.Next(0, 3)).Select(_ => "aAbB_é"[random.Next(6)]).ToArray());
                builder[key] = i;
                reference[key] = i;
            }
            var map = builder.ToDictionary();

            map.Should().Equal(reference);
            map.Keys.Should().Equal(reference.Keys);
            map.Count.Should().Be(reference.Count);
            foreach (var key in new[] { "", "a", "A", "ab", "zz" })
            {
                map.ContainsKey(key).Should().Be(reference.ContainsKey(key));
                map.TryGetValue(key, out var value).Should().Be(reference.TryGetValue(key, out var expected));
                value.Should().Be(expected);
            }
        }
    }

    [Fact]
    public void Overlay_matches_inserting_under_then_over_into_an_ordinal_SortedDictionary()
    {
        // The reference: every entry of under, then every entry of over (its value wins), in a SortedDictionary.
        var random = new Random(14);
        for (var round = 0; round < 300; round++)
        {
            var under = RandomMap(random, out var underEntries);
            var over = RandomMap(random, out var overEntries);
            var reference = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var (k, v) in underEntries) reference[k] = v;
            foreach (var (k, v) in overEntries) reference[k] = v;

            var overlay = OrdinalDictionary<int>.Overlay(under, over);

            overlay.Should().Equal(reference);
            overlay.Keys.Should().Equal(reference.Keys);
            foreach (var key in reference.Keys) overlay[key].Should().Be(reference[key]);
        }
    }

    [Fact]
    public void IsContainedIn_matches_every_entry_found_with_an_equal_value()
    {
        // The reference is the selector test it replaced: All(kv => other.TryGetValue(kv.Key, out v) && v == kv.Value).
        var random = new Random(1402);
        var found = 0;
        for (var round = 0; round < 500; round++)
        {
            var selector = RandomMap(random, out _);
            var labels = new Dictionary<string, int>(RandomMap(random, out _));
            // Often a superset of the selector, sometimes with one value changed: both answers occur.
            if (random.Next(2) == 0) foreach (var (k, v) in selector) labels[k] = v;
            if (selector.Count > 0 && random.Next(4) == 0) labels[selector.Keys.First()] = -1;
            var expected = selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

            selector.IsContainedIn(labels).Should().Be(expected);
            if (expected) found++;
        }
        found.Should().BeInRange(50, 450, "both answers are exercised");
    }

    [Fact]
    public void A_builder_of_the_exact_capacity_hands_its_arrays_over_and_copies_them_before_changing_again()
    {
        var builder = new OrdinalDictionary<int>.Builder(2);
        builder["b"] = 2;
        builder["a"] = 1;
        var first = builder.ToDictionary();
        builder["a"] = 10; // must not change the dictionary built
        builder["c"] = 3;
        var second = builder.ToDictionary();

        first.Should().Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 });
        first.Keys.Should().Equal("a", "b");
        second.Should().Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 2, ["c"] = 3 });
        new OrdinalDictionary<int>.Builder(0).ToDictionary().Should().BeEmpty();
    }

    private static OrdinalDictionary<int> RandomMap(Random random, out List<KeyValuePair<string, int>> entries)
    {
        var builder = new OrdinalDictionary<int>.Builder();
        entries = [];
        var n = random.Next(0, 8);
        for (var i = 0; i < n; i++)
        {
            var key = new string(Enumerable.Range(0, random.Next(0, 3)).Select(_ => "aAbB_é"[random.Next(6)]).ToArray());
            var value = random.Next(1000);
            builder[key] = value;
            entries.Add(new(key, value));
        }
        return builder.ToDictionary();
    }

    [Fact]
    public void Orders_keys_by_code_point_not_by_culture()
    {
        var builder = new OrdinalDictionary<string>.Builder();
        builder["b"] = "1";
        builder["B"] = "2";
        builder["a"] = "3";

        // Ordinal: 'B' (U+0042) < 'a' (U+0061) < 'b' (U+0062).
        builder.ToDictionary().Keys.Should().Equal("B", "a", "b");
    }

    [Fact]
    public void A_missing_key_names_itself()
    {
        var act = () => OrdinalDictionary<string>.Empty["team"];
        act.Should().Throw<KeyNotFoundException>().WithMessage("*team*");
    }
}
