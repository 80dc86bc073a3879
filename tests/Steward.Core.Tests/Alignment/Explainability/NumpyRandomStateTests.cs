using Steward.Core.Alignment.Explainability;

namespace Steward.Core.Tests.Alignment.Explainability;

/// <summary>Against numpy 1.24.2's legacy <c>np.random.RandomState</c> (Debian python3-numpy), values printed once.</summary>
public class NumpyRandomStateTests
{
    [Fact]
    public void Draws_the_mersenne_twister_outputs_of_numpy()
    {
        // np.random.RandomState(5489).randint(0, 2**32, size=3, dtype=np.uint64) -> [3499211612, 581869302, 3890346734]
        var random = new NumpyRandomState(5489);
        new[] { random.NextUInt32(), random.NextUInt32(), random.NextUInt32() }.Should().Equal(3499211612u, 581869302u, 3890346734u);
    }

    [Fact]
    public void Draws_the_column_seed_and_the_shuffles_of_scikit_learns_permutation_importance()
    {
        // rs = np.random.RandomState(42); seed = rs.randint(np.iinfo(np.int32).max + 1) -> 1608637542
        var seed = new NumpyRandomState(42).NextInt31();
        seed.Should().Be(1608637542);
        // r2 = np.random.RandomState(seed); idx = np.arange(10); r2.shuffle(idx) -> [6, 7, 5, 8, 3, 0, 4, 1, 2, 9]; again -> [8, 6, 1, 5, 7, 2, 0, 4, 3, 9]
        var random = new NumpyRandomState((uint)seed);
        var order = Enumerable.Range(0, 10).ToArray();
        random.Shuffle(order);
        order.Should().Equal(6, 7, 5, 8, 3, 0, 4, 1, 2, 9);
        random.Shuffle(order);
        order.Should().Equal(8, 6, 1, 5, 7, 2, 0, 4, 3, 9);
    }
}
