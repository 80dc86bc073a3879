using Steward.Core.Policy.Checks;

namespace Steward.Core.Tests.Policy;

/// <summary>The indexed selection picks what testing each selector against each item picks, in the same order.</summary>
public class LabelSelectionTests
{
    [Fact]
    public void Picks_the_items_a_full_scan_picks_in_list_order()
    {
        // The reference is the scan it replaced: items.Where(labels => every selector entry is in labels with that value).
        var random = new Random(2014);
        var picked = 0;
        for (var round = 0; round < 100; round++)
        {
            var items = Enumerable.Range(0, random.Next(0, 60)).Select(_ => RandomLabels(random)).ToList();
            var selection = new LabelSelection<Dictionary<string, string>>(items, l => l);
            for (var s = 0; s < 10; s++)
            {
                var selector = RandomLabels(random, maxCount: 3);
                var expected = items.Where(l => selector.All(kv => l.TryGetValue(kv.Key, out var v) && v == kv.Value)).ToList();

                var actual = selection.Of(selector);

                actual.Should().HaveCount(expected.Count);
                for (var i = 0; i < expected.Count; i++) actual[i].Should().BeSameAs(expected[i], "the same items in list order");
                picked += actual.Count;
            }
        }
        picked.Should().BeGreaterThan(100, "selectors that pick something are exercised");
    }

    private static Dictionary<string, string> RandomLabels(Random random, int maxCount = 4)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = random.Next(0, maxCount + 1);
        for (var i = 0; i < count; i++) labels["k" + random.Next(3)] = "v" + random.Next(3);
        return labels;
    }
}
