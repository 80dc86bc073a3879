using Steward.Core.Alignment.Statistics;
using Steward.Core.Alignment.Drift;

namespace Steward.Core.Tests.Alignment;

/// <summary>The merge of two sorted samples into distinct values with their counts, and the per-column parallel map.</summary>
public class SortedMergeTests
{
    [Fact]
    public void Counts_each_distinct_value_of_the_union_once_with_its_count_per_sample()
    {
        // Counted by hand: 1 (ref 2, cur 0), 2 (ref 1, cur 2), 3 (ref 0, cur 1), 5 (ref 1, cur 1).
        var merged = SortedValueMerge.Merge([1, 1, 2, 5], [2, 2, 3, 5]).ToList();
        merged.Should().Equal(
            new ValueCount(1, 2, 0),
            new ValueCount(2, 1, 2),
            new ValueCount(3, 0, 1),
            new ValueCount(5, 1, 1));
    }

    [Fact]
    public void An_empty_side_yields_the_other_side_alone()
    {
        SortedValueMerge.Merge([], [-1.5, -1.5, 0]).Should().Equal(new ValueCount(-1.5, 0, 2), new ValueCount(0, 0, 1));
        SortedValueMerge.Merge([7], []).Should().Equal(new ValueCount(7, 1, 0));
    }

    [Fact]
    public void Agrees_with_grouping_both_samples_in_memory()
    {
        var random = new Random(7);
        var reference = Enumerable.Range(0, 5000).Select(_ => Math.Round(random.NextDouble() * 50, 1)).ToArray();
        var current = Enumerable.Range(0, 3000).Select(_ => Math.Round(random.NextDouble() * 60, 1)).ToArray();
        var expected = reference.Concat(current).Distinct().Order()
            .Select(v => new ValueCount(v, reference.Count(x => x == v), current.Count(x => x == v)));
        SortedValueMerge.Merge(reference.Order(), current.Order()).Should().Equal(expected);
    }

    [Fact]
    public void Unsorted_input_is_refused()
    {
        var act = () => SortedValueMerge.Merge([2, 1], [3]).ToList();
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Parallel_map_keeps_column_order_and_throws_the_first_failure_in_that_order()
    {
        var columns = Enumerable.Range(0, 40).Select(i => $"c{i:00}").ToList();
        ColumnParallel.Map(columns, c => c.ToUpperInvariant()).Should().Equal(columns.Select(c => c.ToUpperInvariant()));

        var act = () => ColumnParallel.Map(columns, c => c is "c07" or "c31" ? throw new StewardInputException($"bad {c}") : c);
        act.Should().Throw<StewardInputException>().WithMessage("bad c07");
    }
}
