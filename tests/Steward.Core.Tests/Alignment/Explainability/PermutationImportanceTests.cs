using System.Globalization;
using Steward.Core.Alignment.Explainability;
using Steward.Core.Alignment.Multivariate;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Explainability;

/// <summary>
/// The permutation procedure against scikit-learn 1.2.1's <c>sklearn.inspection.permutation_importance</c>
/// (Debian python3-sklearn, numpy 1.24.2) on shared data, with the model in closed form on both sides so
/// that only the procedure is compared; Steward draws numpy's permutations for the seed, so the
/// importances agree to rounding. Computed once with:
/// <code>
/// e = pd.read_csv('../shared/data/drift/elec.csv').iloc[20000:22000]
/// X = e[['feat_1','feat_2','feat_3','feat_4','feat_5','feat_6']].to_numpy(dtype=float); y = e['target'].to_numpy()
/// m = LogisticRegression().fit(X, y)
/// m.coef_ = np.array([[-0.15, 111.0, 6.5, 6.5, -3.1, 1.25]]); m.intercept_ = np.array([-8.0])
/// r = permutation_importance(m, X, y, scoring='neg_log_loss', n_repeats=10, random_state=42)
///
/// c = pd.read_csv('../shared/data/fairness/compas-scores-two-years.csv')
/// Xc = c[['age','priors_count','juv_fel_count','juv_misd_count']].to_numpy(dtype=float); yc = c['two_year_recid'].to_numpy(dtype=float)
/// l = LinearRegression().fit(Xc, yc); l.coef_ = np.array([-0.01, 0.03, 0.05, 0.02]); l.intercept_ = 0.7
/// r = permutation_importance(l, Xc, yc, scoring='neg_mean_squared_error', n_repeats=5, random_state=7)
/// </code>
/// </summary>
public class PermutationImportanceTests
{
    /// <summary>b + Σ wⱼxⱼ, through the logistic function when <c>Logistic</c>: the models above.</summary>
    private sealed class LinearModel(double intercept, double[] weights, bool logistic) : IScorePredictor
    {
        public double[] Predict(ImportanceMatrix rows)
        {
            var scores = new double[rows.Rows];
            for (var i = 0; i < rows.Rows; i++)
            {
                var z = intercept;
                for (var j = 0; j < weights.Length; j++)
                    z += weights[j] * rows.Values[i * rows.Width + j];
                scores[i] = logistic ? 1 / (1 + Math.Exp(-z)) : z;
            }
            return scores;
        }
    }

    [Fact]
    public void Log_loss_importances_on_elec2_match_scikit_learn()
    {
        var lines = File.ReadLines(RepositoryPaths.InShared("data", "drift", "elec.csv")).Skip(1 + 20000).Take(2000)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var names = Enumerable.Range(1, 6).Select(i => $"feat_{i}").ToList();
        var matrix = ImportanceMatrix.FromColumns(names, [.. Enumerable.Range(0, 6).Select(j => lines.Select(l => l[j]).ToArray())]);
        var labels = lines.Select(l => l[6]).ToArray();
        var model = new LinearModel(-8.0, [-0.15, 111.0, 6.5, 6.5, -3.1, 1.25], logistic: true);

        var result = PermutationImportance.Compute(model, matrix, labels, ImportanceLoss.LogLoss, repeats: 10, seed: 42);

        // log_loss(y, m.predict_proba(X)[:, 1])
        Approx.Equal(result.BaselineLoss, 0.4269295224318845, 1e-12);
        // r.importances_mean, r.importances_std, r.importances[j][0], r.importances[j][9]
        double[][] expected =
        [
            [0.0003701920551690052, 0.0003321010964958515, 0.00017424130093052215, 0.0010291156849375205],
            [0.34779525061063543, 0.016499684576532104, 0.3886500046914824, 0.3339799276417477],
            [0.17542285333118768, 0.012696662284182357, 0.18846548169061078, 0.16272314112309777],
            [0.00020529650175036274, 5.239881948871389e-05, 0.000291279415664758, 0.0001583409908126332],
            [0.0317068431246844, 0.0025376915384434516, 0.03230968548286628, 0.03494790890536681],
            [0.006740473790921103, 0.0012207247359303738, 0.007765454937182781, 0.0075081648262140255],
        ];
        result.Columns.Select(c => c.Feature).Should().Equal(names);
        for (var j = 0; j < 6; j++)
        {
            var column = result.Columns[j];
            // The losses are differences of sums of 2,000 logarithms: 1e-9 relative covers summation order.
            Approx.Equal(column.Mean, expected[j][0], 1e-9, 1e-15, names[j]);
            Approx.Equal(column.StandardDeviation, expected[j][1], 1e-8, 1e-15, names[j]);
            Approx.Equal(column.Repeats[0], expected[j][2], 1e-9, 1e-15, names[j]);
            Approx.Equal(column.Repeats[9], expected[j][3], 1e-9, 1e-15, names[j]);
        }
    }

    [Fact]
    public void Squared_error_importances_on_compas_match_scikit_learn()
    {
        string[] names = ["age", "priors_count", "juv_fel_count", "juv_misd_count"];
        var compas = RepositoryPaths.InShared("data", "fairness", "compas-scores-two-years.csv");
        var (sample, _) = DomainSampleReader.Read(compas, compas, new MultivariateDriftOptions { Columns = [.. names, "two_year_recid"] });
        sample.Rows.Should().Be(7214);
        var matrix = ImportanceMatrix.FromColumns(names, [.. names.Select(sample.Numeric)]);
        var model = new LinearModel(0.7, [-0.01, 0.03, 0.05, 0.02], logistic: false);

        var result = PermutationImportance.Compute(model, matrix, sample.Numeric("two_year_recid"), ImportanceLoss.SquaredError, repeats: 5, seed: 7);

        // r.importances_mean, r.importances_std
        double[][] expected =
        [
            [0.02669143886886611, 0.0011749157803835587],
            [0.041630867757138895, 0.0010974438808741011],
            [0.00026426393124481806, 0.00015816990617490253],
            [6.334349875244393e-05, 7.218004132033187e-05],
        ];
        for (var j = 0; j < names.Length; j++)
        {
            Approx.Equal(result.Columns[j].Mean, expected[j][0], 1e-9, 1e-15, names[j]);
            Approx.Equal(result.Columns[j].StandardDeviation, expected[j][1], 1e-8, 1e-15, names[j]);
        }
    }

    [Fact]
    public void A_category_is_permuted_as_one_column()
    {
        // Two one-hot features of one column: a model that reads only the second sees the column's rows move together.
        var values = new double[] { 1, 0, 0, 1, 1, 0, 0, 1 };
        var matrix = new ImportanceMatrix(values, 2, [new FeatureGroup("colour", 0, 2)]);
        var model = new Reads(1);
        var result = PermutationImportance.Compute(model, matrix, [0, 1, 0, 1], ImportanceLoss.SquaredError, repeats: 3, seed: 1);
        result.BaselineLoss.Should().Be(0);
        // Every permuted row is still a valid one-hot pair: the model never sees (1, 1) or (0, 0).
        model.Seen.Should().OnlyContain(pair => pair.Item1 + pair.Item2 == 1);
        matrix.Values.Should().Equal(1, 0, 0, 1, 1, 0, 0, 1);
    }

    private sealed class Reads(int feature) : IScorePredictor
    {
        public List<(double, double)> Seen { get; } = [];

        public double[] Predict(ImportanceMatrix rows)
        {
            for (var i = 0; i < rows.Rows; i++)
                Seen.Add((rows.Values[i * 2], rows.Values[i * 2 + 1]));
            return [.. Enumerable.Range(0, rows.Rows).Select(i => rows.Values[i * rows.Width + feature])];
        }
    }
}
