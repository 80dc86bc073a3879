using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Steward.Core.Alignment.Data;

namespace Steward.Core.Alignment.Explainability;

/// <summary>
/// The stand-in for a model Steward does not have: ML.NET's FastTree regression (gradient-boosted
/// trees) trained to reproduce the model's logged scores from its logged features. Trees rather than a
/// linear model because the models being explained are mostly tree ensembles or networks whose scores
/// depend on thresholds and interactions a linear surrogate cannot follow, and a surrogate that does not
/// follow the model explains the surrogate; trees also need no feature scaling and take one-hot
/// categories and missing-value indicators as they are. The hyperparameters are the domain classifier's
/// (100 trees, at most 31 leaves, at least 20 rows per leaf, learning rate 0.1), on one thread with a
/// fixed seed, so the same rows give the same trees bit for bit.
/// </summary>
public sealed class SurrogateModel : IScorePredictor
{
    public const string Trainer = "fasttree";

    private sealed class Example
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    private readonly MLContext _ml;
    private readonly SchemaDefinition _schema;
    private readonly ITransformer _model;

    private SurrogateModel(MLContext ml, SchemaDefinition schema, ITransformer model)
    {
        _ml = ml;
        _schema = schema;
        _model = model;
    }

    /// <summary>Trains on <paramref name="rows"/> to predict <paramref name="scores"/>.</summary>
    public static SurrogateModel Train(ImportanceMatrix rows, IReadOnlyList<double> scores, int seed)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows.Width);
        var trainer = ml.Regression.Trainers.FastTree(HouseTrees.Configure(new FastTreeRegressionTrainer.Options(), nameof(Example.Label), nameof(Example.Features), seed));
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(Examples(rows, scores), schema));
        return new SurrogateModel(ml, schema, model);
    }

    public double[] Predict(ImportanceMatrix rows)
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(Examples(rows, null), _schema));
        return [.. scored.GetColumn<float>("Score").Select(s => (double)s)];
    }

    private static Example[] Examples(ImportanceMatrix rows, IReadOnlyList<double>? scores)
    {
        var examples = new Example[rows.Rows];
        for (var i = 0; i < rows.Rows; i++)
        {
            var features = new float[rows.Width];
            for (var j = 0; j < rows.Width; j++)
                features[j] = (float)Math.Clamp(rows.Values[i * rows.Width + j], float.MinValue, float.MaxValue);
            examples[i] = new Example { Label = scores is null ? 0 : (float)scores[i], Features = features };
        }
        return examples;
    }
}
