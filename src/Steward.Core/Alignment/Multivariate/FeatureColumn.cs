namespace Steward.Core.Alignment.Multivariate;

/// <summary>How a column enters the domain classifier.</summary>
public enum FeatureKind
{
    /// <summary>One feature: the value (missing values get an indicator feature).</summary>
    Numeric,

    /// <summary>One-hot: one feature per category.</summary>
    Categorical,

    /// <summary>A fixed-length vector of numbers: one feature per dimension.</summary>
    Embedding,
}

/// <summary>A source column of the classifier: its name, kind and the number of features it expands to.</summary>
public sealed record FeatureColumn(string Name, FeatureKind Kind, int Width)
{
    public string KindName => Kind switch
    {
        FeatureKind.Numeric => "numeric",
        FeatureKind.Categorical => "categorical",
        _ => "embedding",
    };
}
