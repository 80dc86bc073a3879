using Steward.Core.Governance;
using Steward.Core.Governance.Yaml;
using Steward.Core.Policy.Rego;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Tests.Policy.Rego;

/// <summary>
/// The policy-input depth limit (512 levels; a null is no level) is measured while the manifests are
/// converted, not in a walk of its own: the same objects pass and fail as with InputDepth's own walk,
/// and the first object too deep, in object order, is the one named, however the work is split.
/// </summary>
public class InputDepthTests
{
    [Fact]
    public void Converting_within_a_depth_fails_exactly_where_the_levels_exceed_it()
    {
        // The reference depth is counted in the test: the root is level 1, each mapping value or list
        // item one level below its parent, and a null scalar counts no level.
        var random = new Random(514);
        var converter = new YamlRegoValues();
        var outcomes = new HashSet<bool>();
        for (var round = 0; round < 2000; round++)
        {
            var node = RandomTree(random, random.Next(1, 9));
            var levels = Levels(node, 1);
            var maxDepth = random.Next(1, 10);

            var within = converter.ConvertWithin(node, maxDepth);

            (within is null).Should().Be(levels > maxDepth, $"{levels} levels against {maxDepth}");
            if (within is not null) within.Should().Be(converter.Convert(node));
            outcomes.Add(within is null);
        }
        outcomes.Should().HaveCount(2, "trees both within and beyond the depth are exercised");
    }

    [Fact]
    public void An_object_of_512_levels_passes_and_one_of_513_fails_unless_the_513th_is_null()
    {
        InputDepth.Exceeds(Object(Nested(512, new YamlScalarNode("x")))).Should().BeFalse();
        InputDepth.Exceeds(Object(Nested(513, new YamlScalarNode("x")))).Should().BeTrue();
        InputDepth.Exceeds(Object(Nested(513, Null()))).Should().BeFalse();

        PolicyInputs.Of([Object(Nested(512, new YamlScalarNode("x")))], out var fine);
        PolicyInputs.Of([Object(Nested(513, new YamlScalarNode("x")))], out var deep);
        PolicyInputs.Of([Object(Nested(513, Null()))], out var nullAtTheBottom);
        fine.Should().Be(-1);
        deep.Should().Be(0);
        nullAtTheBottom.Should().Be(-1);
    }

    [Theory]
    [InlineData(new int[0], -1)]
    [InlineData(new[] { 600 }, 600)]
    [InlineData(new[] { 100, 650 }, 100)]
    [InlineData(new[] { 400, 401, 699 }, 400)]
    public void The_first_object_too_deep_is_found_in_object_order_across_the_parts(int[] deepAt, int expected)
    {
        // 700 objects: more than one part of 256 per core, so the parts run on several cores.
        var objects = Enumerable.Range(0, 700)
            .Select(i => Object(deepAt.Contains(i) ? Nested(520, new YamlScalarNode("x")) : Nested(3, new YamlScalarNode($"v{i}"))))
            .ToList();

        var values = PolicyInputs.Of(objects, out var firstTooDeep);

        firstTooDeep.Should().Be(expected);
        firstTooDeep.Should().Be(objects.FindIndex(InputDepth.Exceeds), "the walk of its own finds the same object");
        if (expected < 0)
        {
            for (var i = 0; i < objects.Count; i++) values[i].Should().Be(new YamlRegoValues().Convert(objects[i].Node));
        }
    }

    [Fact]
    public void An_input_built_before_is_still_measured()
    {
        var deep = Object(Nested(520, new YamlScalarNode("x")));
        _ = deep.PolicyInput; // built without a limit, as an evaluation would

        PolicyInputs.Of([deep], out var firstTooDeep);

        firstTooDeep.Should().Be(0);
    }

    private static RepositoryObject Object(YamlNode data)
    {
        var root = new YamlMappingNode
        {
            { "apiVersion", "v1" },
            { "kind", "ConfigMap" },
            { "metadata", new YamlMappingNode { { "name", "deep" } } },
            { "data", data },
        };
        return new RepositoryObject(new NodeReader("manifests/deep.yaml", root, ""), "v1", "ConfigMap");
    }

    /// <summary>A value that puts <paramref name="leaf"/> at level <paramref name="levels"/> of its object (the object root is level 1, data level 2).</summary>
    private static YamlNode Nested(int levels, YamlNode leaf)
    {
        var node = leaf;
        for (var level = levels; level > 2; level--)
            node = level % 2 == 0 ? new YamlSequenceNode(node) : new YamlMappingNode { { "a", node } };
        return node;
    }

    private static YamlScalarNode Null() => new("null") { Style = ScalarStyle.Plain };

    private static YamlNode RandomTree(Random random, int height)
    {
        if (height <= 1 || random.Next(4) == 0)
            return random.Next(3) == 0 ? Null() : new YamlScalarNode(random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };
        var count = random.Next(0, 4);
        if (random.Next(2) == 0)
        {
            var sequence = new YamlSequenceNode();
            for (var i = 0; i < count; i++) sequence.Add(RandomTree(random, height - 1));
            return sequence;
        }
        var mapping = new YamlMappingNode();
        for (var i = 0; i < count; i++) mapping.Add($"k{i}", RandomTree(random, height - 1));
        return mapping;
    }

    private static int Levels(YamlNode node, int level) => node switch
    {
        YamlScalarNode s when YamlScalars.IsNull(s) => 0,
        YamlScalarNode => level,
        YamlSequenceNode seq => seq.Children.Select(c => Levels(c, level + 1)).Append(level).Max(),
        YamlMappingNode map => map.Children.Select(e => Levels(e.Value, level + 1)).Append(level).Max(),
        _ => level,
    };
}
