using System.Collections.Immutable;
using System.Globalization;
using Steward.Rego.Values;
using Rx = System.Text.RegularExpressions;

namespace Steward.Rego.Builtins.JsonSchema;

/// <summary>
/// Validates a document against a JSON Schema (draft 4 to 7 keywords; local $ref only) and
/// reports failures in gojsonschema's order and wording, which is what OPA's json.match_schema
/// returns: the type check first (a mismatch stops that subschema), then combinators, then
/// const/enum, then the keywords of the value's type.
/// </summary>
internal sealed class SchemaValidator(RegoValue root, TimeSpan matchTimeout)
{
    public const string Root = "(root)";

    public List<SchemaError> Validate(RegoValue document)
    {
        var errors = new List<SchemaError>();
        Validate(root, document, Root, errors, 0);
        return errors;
    }

    public static string TypeOf(RegoValue v) => v switch
    {
        RegoNull => "null",
        RegoBool => "boolean",
        RegoNumber n => n.IsInteger ? "integer" : "number",
        RegoString => "string",
        RegoArray => "array",
        RegoSet => "array",
        _ => "object",
    };

    private bool IsValid(RegoValue schema, RegoValue doc, string ctx, int depth)
    {
        var errs = new List<SchemaError>();
        Validate(schema, doc, ctx, errs, depth);
        return errs.Count == 0;
    }

    private void Validate(RegoValue schema, RegoValue doc, string ctx, List<SchemaError> errs, int depth)
    {
        if (depth > 200) throw new SchemaException("schema references nest too deeply");
        if (schema is RegoBool b)
        {
            if (!b.Value) errs.Add(new SchemaError("false", ctx, "False always fails validation"));
            return;
        }
        if (schema is not RegoObject s) return;
        if (Get(s, "$ref") is RegoString reference)
        {
            Validate(Resolve(reference.Value), doc, ctx, errs, depth + 1);
            return;
        }
        if (Get(s, "type") is { } type && !TypeMatches(type, doc))
        {
            errs.Add(new SchemaError("invalid_type", ctx, $"Invalid type. Expected: {TypeText(type)}, given: {TypeOf(doc)}"));
            return;
        }
        Combinators(s, doc, ctx, errs, depth);
        Common(s, doc, ctx, errs);
        switch (doc)
        {
            case RegoObject o: ObjectKeywords(s, o, ctx, errs, depth); break;
            case RegoArray a: ArrayKeywords(s, a, ctx, errs, depth); break;
            case RegoString str: StringKeywords(s, str.Value, ctx, errs); break;
            case RegoNumber n: NumberKeywords(s, n, ctx, errs); break;
        }
    }

    private void Combinators(RegoObject s, RegoValue doc, string ctx, List<SchemaError> errs, int depth)
    {
        if (Get(s, "anyOf") is RegoArray anyOf && !anyOf.Items.Any(sub => IsValid(sub, doc, ctx, depth + 1)))
            errs.Add(new SchemaError("number_any_of", ctx, "Must validate at least one schema (anyOf)"));
        if (Get(s, "oneOf") is RegoArray oneOf && oneOf.Items.Count(sub => IsValid(sub, doc, ctx, depth + 1)) != 1)
            errs.Add(new SchemaError("number_one_of", ctx, "Must validate one and only one schema (oneOf)"));
        if (Get(s, "allOf") is RegoArray allOf)
        {
            var sub = new List<SchemaError>();
            foreach (var part in allOf.Items) Validate(part, doc, ctx, sub, depth + 1);
            if (sub.Count > 0)
            {
                errs.Add(new SchemaError("number_all_of", ctx, "Must validate all the schemas (allOf)"));
                errs.AddRange(sub);
            }
        }
        if (Get(s, "not") is { } not && IsValid(not, doc, ctx, depth + 1))
            errs.Add(new SchemaError("number_not", ctx, "Must not validate the schema (not)"));
        if (Get(s, "dependencies") is RegoObject deps && doc is RegoObject o)
        {
            foreach (var (key, dep) in deps.Items)
            {
                if (o.Get(key) is null) continue;
                if (dep is RegoArray names)
                {
                    foreach (var name in names.Items.Where(n => o.Get(n) is null))
                        errs.Add(new SchemaError("missing_dependency", ctx, $"Has a dependency on {Text(name)}"));
                }
                else Validate(dep, doc, ctx, errs, depth + 1);
            }
        }
        if (Get(s, "if") is { } condition)
        {
            var holds = IsValid(condition, doc, ctx, depth + 1);
            var (branch, errorType, message) = holds
                ? (Get(s, "then"), "condition_then", "Must validate \"then\" as \"if\" was valid")
                : (Get(s, "else"), "condition_else", "Must validate \"else\" as \"if\" was not valid");
            if (branch is not null)
            {
                var sub = new List<SchemaError>();
                Validate(branch, doc, ctx, sub, depth + 1);
                if (sub.Count > 0)
                {
                    errs.Add(new SchemaError(errorType, ctx, message));
                    errs.AddRange(sub);
                }
            }
        }
    }

    private static void Common(RegoObject s, RegoValue doc, string ctx, List<SchemaError> errs)
    {
        var field = new SchemaError("", ctx, "").Field;
        if (Get(s, "const") is { } constant && !SameJson(constant, doc))
            errs.Add(new SchemaError("const", ctx, $"{field} does not match: {RegoJson.Serialize(constant)}"));
        if (Get(s, "enum") is RegoArray allowed && !allowed.Items.Any(a => SameJson(a, doc)))
            errs.Add(new SchemaError("enum", ctx, $"{field} must be one of the following: {string.Join(", ", allowed.Items.Select(v => RegoJson.Serialize(v)))}"));
    }

    private void ObjectKeywords(RegoObject s, RegoObject o, string ctx, List<SchemaError> errs, int depth)
    {
        if (Get(s, "minProperties") is RegoNumber min && RegoNumber.Compare(RegoNumber.FromInteger(o.Count), min) < 0)
            errs.Add(new SchemaError("array_min_properties", ctx, $"Must have at least {min.ToJsonText()} properties"));
        if (Get(s, "maxProperties") is RegoNumber max && RegoNumber.Compare(RegoNumber.FromInteger(o.Count), max) > 0)
            errs.Add(new SchemaError("array_max_properties", ctx, $"Must have at most {max.ToJsonText()} properties"));
        if (Get(s, "required") is RegoArray required)
        {
            foreach (var name in required.Items.Where(n => o.Get(n) is null))
                errs.Add(new SchemaError("required", ctx, $"{Text(name)} is required"));
        }
        var properties = Get(s, "properties") as RegoObject;
        var patterns = Get(s, "patternProperties") as RegoObject;
        var additional = Get(s, "additionalProperties");
        foreach (var (key, value) in o.Items)
        {
            var name = Text(key);
            var child = ctx + "." + name;
            var matched = false;
            if (properties?.Get(key) is { } propSchema)
            {
                matched = true;
                Validate(propSchema, value, child, errs, depth + 1);
            }
            foreach (var (pattern, patternSchema) in patterns?.Items ?? ImmutableSortedDictionary<RegoValue, RegoValue>.Empty)
            {
                if (!Rx.Regex.IsMatch(name, Text(pattern), Rx.RegexOptions.None, matchTimeout)) continue;
                matched = true;
                Validate(patternSchema, value, child, errs, depth + 1);
            }
            if (matched || additional is null) continue;
            if (additional is RegoBool { Value: false })
                errs.Add(new SchemaError("additional_property_not_allowed", ctx, $"Additional property {name} is not allowed"));
            else Validate(additional, value, child, errs, depth + 1);
        }
        if (Get(s, "propertyNames") is { } names)
        {
            foreach (var key in o.Items.Keys.Where(k => !IsValid(names, k, ctx, depth + 1)))
                errs.Add(new SchemaError("invalid_property_name", ctx, $"Property name of \"{Text(key)}\" does not match"));
        }
    }

    private void ArrayKeywords(RegoObject s, RegoArray a, string ctx, List<SchemaError> errs, int depth)
    {
        switch (Get(s, "items"))
        {
            case RegoArray positional:
                for (var i = 0; i < a.Count && i < positional.Count; i++) Validate(positional[i], a[i], $"{ctx}.{i}", errs, depth + 1);
                if (a.Count > positional.Count)
                {
                    if (Get(s, "additionalItems") is RegoBool { Value: false })
                        errs.Add(new SchemaError("array_no_additional_items", ctx, "No additional items allowed on array"));
                    else if (Get(s, "additionalItems") is { } extra)
                    {
                        for (var i = positional.Count; i < a.Count; i++) Validate(extra, a[i], $"{ctx}.{i}", errs, depth + 1);
                    }
                }
                break;
            case { } each:
                for (var i = 0; i < a.Count; i++) Validate(each, a[i], $"{ctx}.{i}", errs, depth + 1);
                break;
        }
        if (Get(s, "minItems") is RegoNumber min && RegoNumber.Compare(RegoNumber.FromInteger(a.Count), min) < 0)
            errs.Add(new SchemaError("array_min_items", ctx, $"Array must have at least {min.ToJsonText()} items"));
        if (Get(s, "maxItems") is RegoNumber max && RegoNumber.Compare(RegoNumber.FromInteger(a.Count), max) > 0)
            errs.Add(new SchemaError("array_max_items", ctx, $"Array must have at most {max.ToJsonText()} items"));
        if (Get(s, "uniqueItems") is RegoBool { Value: true })
        {
            for (var j = 1; j < a.Count; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    if (SameJson(a[i], a[j])) errs.Add(new SchemaError("unique", ctx, $"array items[{i},{j}] must be unique"));
                }
            }
        }
        if (Get(s, "contains") is { } contains && !a.Items.Select((item, i) => IsValid(contains, item, $"{ctx}.{i}", depth + 1)).Any(v => v))
            errs.Add(new SchemaError("contains", ctx, "At least one of the items must match"));
    }

    private void StringKeywords(RegoObject s, string value, string ctx, List<SchemaError> errs)
    {
        var length = value.EnumerateRunes().Count();
        if (Get(s, "minLength") is RegoNumber min && RegoNumber.Compare(RegoNumber.FromInteger(length), min) < 0)
            errs.Add(new SchemaError("string_gte", ctx, $"String length must be greater than or equal to {min.ToJsonText()}"));
        if (Get(s, "maxLength") is RegoNumber max && RegoNumber.Compare(RegoNumber.FromInteger(length), max) > 0)
            errs.Add(new SchemaError("string_lte", ctx, $"String length must be less than or equal to {max.ToJsonText()}"));
        if (Get(s, "pattern") is RegoString pattern && !Rx.Regex.IsMatch(value, pattern.Value, Rx.RegexOptions.None, matchTimeout))
            errs.Add(new SchemaError("pattern", ctx, $"Does not match pattern '{pattern.Value}'"));
        if (Get(s, "format") is RegoString format && !SchemaFormats.Matches(format.Value, value))
            errs.Add(new SchemaError("format", ctx, $"Does not match format '{format.Value}'"));
    }

    private static void NumberKeywords(RegoObject s, RegoNumber n, string ctx, List<SchemaError> errs)
    {
        if (Get(s, "multipleOf") is RegoNumber m && m.Sign > 0 && !IsMultiple(n, m))
            errs.Add(new SchemaError("multiple_of", ctx, $"Must be a multiple of {m.ToJsonText()}"));
        // Draft 4 writes exclusiveMinimum as a flag beside minimum; draft 6 on as its own bound.
        var exclusiveMin = Get(s, "exclusiveMinimum");
        if (Get(s, "minimum") is RegoNumber min)
        {
            var strict = exclusiveMin is RegoBool { Value: true };
            var c = RegoNumber.Compare(n, min);
            if (strict ? c <= 0 : c < 0)
                errs.Add(new SchemaError(strict ? "number_gt" : "number_gte", ctx, $"Must be greater than {(strict ? "" : "or equal to ")}{min.ToJsonText()}"));
        }
        if (exclusiveMin is RegoNumber xmin && RegoNumber.Compare(n, xmin) <= 0)
            errs.Add(new SchemaError("number_gt", ctx, $"Must be greater than {xmin.ToJsonText()}"));
        var exclusiveMax = Get(s, "exclusiveMaximum");
        if (Get(s, "maximum") is RegoNumber max)
        {
            var strict = exclusiveMax is RegoBool { Value: true };
            var c = RegoNumber.Compare(n, max);
            if (strict ? c >= 0 : c > 0)
                errs.Add(new SchemaError(strict ? "number_lt" : "number_lte", ctx, $"Must be less than {(strict ? "" : "or equal to ")}{max.ToJsonText()}"));
        }
        if (exclusiveMax is RegoNumber xmax && RegoNumber.Compare(n, xmax) >= 0)
            errs.Add(new SchemaError("number_lt", ctx, $"Must be less than {xmax.ToJsonText()}"));
    }

    private static bool IsMultiple(RegoNumber n, RegoNumber m)
    {
        if (n.TryGetDecimal(out var x) && m.TryGetDecimal(out var y)) return x % y == 0m;
        var q = n.AsDouble / m.AsDouble;
        return Math.Abs(q - Math.Round(q)) < 1e-9;
    }

    private RegoValue Resolve(string reference)
    {
        if (!reference.StartsWith('#')) throw new SchemaException($"Reference {reference} must be canonical");
        RegoValue node = root;
        foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                RegoObject o when o.Get(new RegoString(token)) is { } v => v,
                RegoArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw new SchemaException($"Object has no key '{token}'"),
            };
        }
        return node;
    }

    private static bool TypeMatches(RegoValue type, RegoValue doc)
    {
        var given = TypeOf(doc);
        IEnumerable<RegoValue> names = type is RegoArray a ? a.Items : [type];
        return names.Any(t => t is RegoString s && (s.Value == given || (s.Value == "number" && given == "integer")));
    }

    private static string TypeText(RegoValue type) => type is RegoArray { Count: > 1 } a
        ? "[" + string.Join(",", a.Items.Select(Text)) + "]"
        : Text(type is RegoArray { Count: 1 } one ? one[0] : type);

    private static bool SameJson(RegoValue a, RegoValue b) => a.Equals(b);

    private static string Text(RegoValue v) => v is RegoString s ? s.Value : RegoJson.Serialize(v);

    private static RegoValue? Get(RegoObject o, string key) => o.Get(new RegoString(key));
}
