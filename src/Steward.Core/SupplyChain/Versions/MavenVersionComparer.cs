namespace Steward.Core.SupplyChain.Versions;

/// <summary>
/// Maven: the order of org.apache.maven.artifact.versioning.ComparableVersion (Maven 3.9), the
/// "Version Order Specification" of the POM reference
/// (https://maven.apache.org/pom.html#Version_Order_Specification). A version is split into
/// items at '.', '-' and digit/letter transitions; '-' (and a transition) opens a nested list;
/// trailing "null" items (0, "", "ga", "final", "release", empty lists) are trimmed; qualifiers
/// order alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = ga = final = release &lt; sp
/// &lt; any other (lexically); a, b, m directly followed by a digit mean alpha, beta, milestone.
/// </summary>
public sealed class MavenVersionComparer : VersionComparer<MavenVersionComparer.ListItem>
{
    public override string Ecosystem => "Maven";

    public override bool TryParse(string version, out ListItem key)
    {
        key = null!;
        if (string.IsNullOrWhiteSpace(version) || version.Any(char.IsWhiteSpace)) return false;
        key = Tokenize(version.ToLowerInvariant());
        return true;
    }

    public override int CompareKeys(ListItem x, ListItem y) => x.CompareTo(y);

    /// <summary>One token of a Maven version.</summary>
    public abstract class Item
    {
        public abstract bool IsNull { get; }

        /// <summary>Compares with another item, or with "nothing" (padding) when <paramref name="other"/> is null.</summary>
        public abstract int CompareTo(Item? other);
    }

    private sealed class IntItem(string digits) : Item
    {
        public static readonly IntItem Zero = new("0");
        public string Digits { get; } = digits.TrimStart('0') is { Length: > 0 } d ? d : "0";
        public override bool IsNull => Digits == "0";

        public override int CompareTo(Item? other) => other switch
        {
            null => IsNull ? 0 : 1, // 1.0 == 1, 1.1 > 1
            IntItem i => Numeric.Compare(Digits, i.Digits),
            _ => 1, // 1.1 > 1-sp, 1.1 > 1-1
        };

        public override string ToString() => Digits;
    }

    private sealed class StringItem : Item
    {
        private static readonly string[] Qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
        private static readonly string ReleaseIndex = "5";

        public StringItem(string value, bool followedByDigit)
        {
            if (followedByDigit && value.Length == 1)
                value = value[0] switch { 'a' => "alpha", 'b' => "beta", 'm' => "milestone", _ => value };
            Value = value switch { "ga" or "final" or "release" => "", "cr" => "rc", _ => value };
        }

        public string Value { get; }

        public override bool IsNull => Comparable(Value) == ReleaseIndex;

        /// <summary>Known qualifiers map to their index, unknown ones to "7-name" so that they sort after sp, lexically.</summary>
        private static string Comparable(string qualifier)
        {
            var i = Array.IndexOf(Qualifiers, qualifier);
            return i < 0 ? Qualifiers.Length + "-" + qualifier : i.ToString();
        }

        public override int CompareTo(Item? other) => other switch
        {
            null => Math.Sign(string.CompareOrdinal(Comparable(Value), ReleaseIndex)), // 1-rc < 1, 1-sp > 1
            StringItem s => Math.Sign(string.CompareOrdinal(Comparable(Value), Comparable(s.Value))),
            _ => -1, // 1.any < 1.1, 1.any < 1-1
        };

        public override string ToString() => Value;
    }

    /// <summary>A list of items; the version itself and every sub-list opened by '-'.</summary>
    public sealed class ListItem : Item
    {
        internal List<Item> Items { get; } = [];

        public override bool IsNull => Items.Count == 0;

        /// <summary>Removes trailing null items, looking through nested lists (ComparableVersion.normalize).</summary>
        internal void Normalize()
        {
            for (var i = Items.Count - 1; i >= 0; i--)
            {
                var last = Items[i];
                if (last.IsNull) Items.RemoveAt(i);
                else if (last is not ListItem) break;
            }
        }

        public override int CompareTo(Item? other)
        {
            switch (other)
            {
                case null:
                    foreach (var item in Items)
                    {
                        var r = item.CompareTo(null);
                        if (r != 0) return r;
                    }
                    return 0;
                case IntItem:
                    return -1; // 1-1 < 1.0.x
                case StringItem:
                    return 1; // 1-1 > 1-sp
                case ListItem list:
                    for (var i = 0; i < Math.Max(Items.Count, list.Items.Count); i++)
                    {
                        var l = i < Items.Count ? Items[i] : null;
                        var r = i < list.Items.Count ? list.Items[i] : null;
                        var c = l is null ? (r is null ? 0 : -r.CompareTo(null)) : l.CompareTo(r);
                        if (c != 0) return c;
                    }
                    return 0;
                default:
                    throw new InvalidOperationException("Unknown Maven version item.");
            }
        }

        public override string ToString()
        {
            var text = new System.Text.StringBuilder();
            foreach (var item in Items)
            {
                if (text.Length > 0) text.Append(item is ListItem ? '-' : '.');
                text.Append(item);
            }
            return text.ToString();
        }
    }

    /// <summary>The tokenizer of ComparableVersion.parseVersion (Maven 3.9), on a lower-cased version.</summary>
    private static ListItem Tokenize(string version)
    {
        var root = new ListItem();
        var list = root;
        var stack = new Stack<ListItem>();
        stack.Push(list);
        var isDigit = false;
        var start = 0;

        ListItem Nest()
        {
            var sub = new ListItem();
            list.Items.Add(sub);
            stack.Push(sub);
            return sub;
        }

        for (var i = 0; i < version.Length; i++)
        {
            var c = version[i];
            if (c == '.')
            {
                list.Items.Add(i == start ? IntItem.Zero : ParseItem(isDigit, version[start..i]));
                start = i + 1;
            }
            else if (c == '-')
            {
                list.Items.Add(i == start ? IntItem.Zero : ParseItem(isDigit, version[start..i]));
                start = i + 1;
                list = Nest();
            }
            else if (char.IsAsciiDigit(c))
            {
                if (!isDigit && i > start)
                {
                    // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X.
                    if (list.Items.Count > 0) list = Nest();
                    list.Items.Add(new StringItem(version[start..i], followedByDigit: true));
                    start = i;
                    list = Nest();
                }
                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Items.Add(ParseItem(true, version[start..i]));
                    start = i;
                    list = Nest();
                }
                isDigit = false;
            }
        }

        if (version.Length > start)
        {
            if (!isDigit && list.Items.Count > 0) list = Nest();
            list.Items.Add(ParseItem(isDigit, version[start..]));
        }

        while (stack.Count > 0) stack.Pop().Normalize();
        return root;
    }

    private static Item ParseItem(bool isDigit, string text) =>
        isDigit ? new IntItem(text) : new StringItem(text, followedByDigit: false);
}
