using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Steward.Core.Alignment.Data;

namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// The classifier that tells current rows from reference rows: ML.NET's FastTree (gradient-boosted
/// regression trees, managed code) with the hyperparameters of NannyML's default LightGBM domain
/// classifier — 100 trees, at most 31 leaves, at least 20 rows per leaf, learning rate 0.1 — trained
/// on one thread with a fixed seed, so that the same data gives the same trees bit for bit.
/// Trees find interactions (a flipped correlation) and shifts along any direction of an embedding
/// without feature scaling.
/// </summary>
internal static class DomainClassifier
{
    public const string Trainer = "fasttree";

    private sealed class Example
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    /// <summary>The raw scores (margins) of the test rows and the gain of each feature over all trees.</summary>
    public static (double[] Scores, double[] Gains) TrainAndScore(FeatureMatrix matrix, int[] train, int[] test, int seed)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, matrix.Width);
        var trainer = ml.BinaryClassification.Trainers.FastTree(HouseTrees.Configure(new FastTreeBinaryTrainer.Options(), nameof(Example.Label), nameof(Example.Features), seed));
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(Examples(matrix, train), schema));
        var scored = model.Transform(ml.Data.LoadFromEnumerable(Examples(matrix, test), schema));
        // The raw margin, not the calibrated probability: the ROC AUC only needs the order, and the
        // sigmoid would merge distinct margins into ties near 0 and 1 in single precision.
        var scores = scored.GetColumn<float>("Score").Select(s => (double)s).ToArray();
        VBuffer<float> weights = default;
        model.Model.SubModel.GetFeatureWeights(ref weights);
        var gains = new double[matrix.Width];
        foreach (var (index, value) in weights.Items())
            gains[index] = value;
        return (scores, gains);
    }

    /// <summary>The rows as ML.NET examples, built once: the trainer reads its input several times.</summary>
    private static Example[] Examples(FeatureMatrix matrix, int[] rows) =>
        rows.Select(row => new Example { Label = matrix.Labels[row], Features = matrix.Row(row).ToArray() }).ToArray();
}
