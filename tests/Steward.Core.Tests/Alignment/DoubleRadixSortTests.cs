using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Tests.Alignment;

/// <summary>The radix sort behind in-memory drift columns, checked against Array.Sort (a comparison sort).</summary>
public class DoubleRadixSortTests
{
    private static double[] RadixSorted(double[] values)
    {
        var copy = (double[])values.Clone();
        DoubleRadixSort.Sort(copy, new ulong[copy.Length]);
        return copy;
    }

    [Fact]
    public void Orders_negative_positive_tiny_and_huge_values_like_a_comparison_sort()
    {
        double[] values = [3.5, -0.0, 0.0, -1e-310, 1e-310, double.MaxValue, -double.MaxValue, double.Epsilon, -2.25, 1e300, -1e-300, 42, 42, -7];
        var expected = values.Order().ToArray();
        var sorted = RadixSorted(values);
        sorted.Should().Equal(expected);
    }

    [Fact]
    public void Sorts_a_large_random_sample_with_repeats_exactly()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 200_000)
            .Select(i => i % 3 == 0 ? Math.Round(random.NextDouble() * 100 - 50, 2) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20)))
            .ToArray();
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        RadixSorted(values).Should().Equal(expected);
    }

    [Fact]
    public void Handles_empty_single_and_constant_input()
    {
        RadixSorted([]).Should().BeEmpty();
        RadixSorted([1.5]).Should().Equal(1.5);
        RadixSorted([2.0, 2.0, 2.0]).Should().Equal(2.0, 2.0, 2.0);
    }

    [Fact]
    public void A_short_scratch_buffer_is_refused()
    {
        var act = () => DoubleRadixSort.Sort(new double[3], new ulong[2]);
        act.Should().Throw<ArgumentException>();
    }
}
