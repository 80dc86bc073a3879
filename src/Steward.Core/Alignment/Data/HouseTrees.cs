using Microsoft.ML.Trainers.FastTree;

namespace Steward.Core.Alignment.Data;

/// <summary>
/// The gradient-boosted trees Steward trains itself (the domain classifier of multivariate drift, the
/// surrogate of permutation importance): NannyML's default LightGBM hyperparameters — 100 trees, at most
/// 31 leaves, at least 20 rows per leaf, learning rate 0.1 — on one thread with a fixed seed, so that the
/// same rows give the same trees bit for bit. One place, so both stay alike.
/// </summary>
internal static class HouseTrees
{
    /// <summary>Sets the house hyperparameters, the seed and the two columns' names on <paramref name="options"/>.</summary>
    public static T Configure<T>(T options, string label, string features, int seed) where T : BoostedTreeOptions
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = features;
        options.NumberOfTrees = 100;
        options.NumberOfLeaves = 31;
        options.MinimumExampleCountPerLeaf = 20;
        options.LearningRate = 0.1;
        options.NumberOfThreads = 1;
        options.Seed = seed;
        return options;
    }
}
