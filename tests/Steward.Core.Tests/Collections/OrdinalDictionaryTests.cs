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
