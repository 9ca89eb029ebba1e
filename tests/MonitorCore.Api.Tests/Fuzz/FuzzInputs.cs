using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests.Fuzz;

/// <summary>
/// Random and malformed inputs from a seeded <see cref="Random"/>: path and query values (huge numbers, unicode,
/// control characters, empty, <c>../</c>, SQL-ish text, long strings, sometimes a value that exists), and bodies
/// (JSON of the right shape with wrong values, of the wrong shape, truncated, not JSON at all; CSV for the import).
/// </summary>
public sealed class FuzzInputs(Random random, IReadOnlyDictionary<string, string[]> known)
{
    private static readonly string[] Nasty =
    [
        "", " ", "  \t ", "0", "-1", "1", "-0", "00", "1.5", "-1.5", "1e308", "-1e308", "1e400", "NaN", "Infinity", "-Infinity",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999999999999999", "0x1F", "1_000", "١٢٣", "true", "false", "null", "undefined", "[]", "{}", "[1,2]",
        "../", "..", "../../etc/passwd", "..\\..\\windows", "./", "/", "//", "%", "%00", "%2F", "%%", "?", "#", "&", "=", "+",
        "' OR '1'='1", "' OR 1=1 --", "1; DROP TABLE monitor_ledger; --", "\" OR \"\"=\"", "'; DELETE FROM system_vars; --", "$1", "@p0",
        "{0}", "%s%s%n", "${jndi:ldap://x}", "<script>alert(1)</script>", "\\", "\"", "'", "`",
        "ünïcødé", "日本語", "💥🔥", "\u202e", "\u200b", "\ufeff", "Ω≈ç√", "ﬁ", "İ", "ß",
        "\0", "a\0b", "\u0001", "\u001f", "\t", "\n", "\r\n", "\u007f", "\u0085", "\u2028",
        "1h", "30m", "30", "-5m", "0s", "99999d", "1h30m", "00:00:05", "-00:01:00", "10675199.02:48:05.4775807",
        "2026-11-24T12:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.9999999-14:00", "9999-12-31T23:59:59Z", "1970-01-01", "2026-02-30",
        "1795521600000000.8", "-1.-1", "9223372036854775807.9223372036854775807", "1.1.1", ".5", "5.",
        "LONG", "short", "active", "ALL", "pending", "SKIPPED", "Error", "warning", "HIGH", "low", "UP", "single", "BELOW",
    ];

    private readonly Random _random = random;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>
    /// A request to <paramref name="route"/>: half of the time anything in every input; otherwise every input right (where
    /// a right value is known) but one, so that the request gets as far as that one: the path, the query and the body.
    /// </summary>
    public (string Path, string Query, HttpContent? Body) Request(ApiRoute route)
    {
        var slots = route.RouteValues.Select(v => ("route", v))
            .Concat(route.Query.Select(q => ("query", q.Name)))
            .Concat(route.Body?.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => ("body", JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))) ?? [])
            .ToList();
        if (slots.Count == 0 || Chance(0.5))
        {
            return (Fill(route, PathValue), Query(route.Query), Body(route.Body, route.RawBody));
        }

        var bad = Pick(slots);
        var path = Fill(route, name => Uri.EscapeDataString(ToValidUtf16(bad == ("route", name) ? BadValue(name, null) : KnownOr(name))));
        var query = new List<string>();
        foreach (var input in route.Query)
        {
            if (bad == ("query", input.Name))
            {
                query.Add(Pair(input.Name, BadValue(input.Name, input.Type)));
            }
            else if (known.TryGetValue(input.Name, out var values) && Chance(0.5))
            {
                query.Add(Pair(input.Name, Pick(values)));
            }
        }

        var body = route.Body is { } shape ? Content(OneBad(shape, bad.Item1 == "body" ? bad.Item2 : null).ToJsonString(), "application/json")
            : Body(null, route.RawBody);
        return (path, query.Count == 0 ? "" : "?" + string.Join("&", query), body);
    }

    private static string Fill(ApiRoute route, Func<string, string> value) =>
        string.Join("/", route.Pattern.Split('/').Select(segment =>
            route.RouteValues.Aggregate(segment, (text, name) => text.Replace("{" + name + "}", value(name), StringComparison.Ordinal))));

    /// <summary>The wrong value of a one-wrong-input request: often a right one with a control character (NUL most of all) in it.</summary>
    private string BadValue(string name, Type? type) =>
        Chance(0.3) ? WithControl(known.TryGetValue(name, out var values) ? Pick(values) : RandomText(_random.Next(1, 12))) : Value(name, type);

    private string KnownOr(string name) => known.TryGetValue(name, out var values) ? Pick(values) : Value(name);

    /// <summary>A value for a route value or a query value called <paramref name="name"/>.</summary>
    public string Value(string name, Type? type = null)
    {
        if (known.TryGetValue(name, out var values) && Chance(0.2))
        {
            return Chance(0.7) ? Pick(values) : Mangle(Pick(values));
        }

        return _random.Next(12) switch
        {
            0 => RandomText(_random.Next(1, 40)),
            1 => RandomText(_random.Next(200, 700)),
            2 => Number(type),
            3 => Mangle(Pick(Nasty)),
            4 or 5 => WithControl(values is not null ? Pick(values) : RandomText(_random.Next(1, 12))),
            _ => Pick(Nasty),
        };
    }

    /// <summary>A query string: some of the handler's inputs and some it does not know, with values that may be wrong.</summary>
    public string Query(IReadOnlyList<QueryInput> inputs)
    {
        var parts = new List<string>();
        if (inputs.Count > 0 && Chance(0.5))
        {
            // All right but one, so that the request gets as far as the one that is not.
            var bad = _random.Next(inputs.Count);
            for (var i = 0; i < inputs.Count; i++)
            {
                if (i == bad)
                {
                    parts.Add(Pair(inputs[i].Name, Value(inputs[i].Name, inputs[i].Type)));
                }
                else if (known.TryGetValue(inputs[i].Name, out var values) && Chance(0.5))
                {
                    parts.Add(Pair(inputs[i].Name, Pick(values)));
                }
            }

            return "?" + string.Join("&", parts);
        }

        foreach (var input in inputs)
        {
            if (Chance(0.6))
            {
                parts.Add(Pair(input.Name, Value(input.Name, input.Type)));
                if (Chance(0.1))
                {
                    parts.Add(Pair(input.Name, Value(input.Name, input.Type))); // given twice
                }
            }
        }

        for (var extra = _random.Next(3); extra > 0; extra--)
        {
            parts.Add(Pair(Chance(0.5) ? Pick(Nasty) : RandomText(_random.Next(1, 12)), Value("")));
        }

        if (Chance(0.05))
        {
            parts.Add(Pick(["", "=", "&&", "a", "%zz", "a=%zz"]));
        }

        Shuffle(parts);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>A path value escaped for the URL (sometimes left raw when it is plain enough to pass).</summary>
    public string PathValue(string name)
    {
        var value = Value(name);
        return Chance(0.1) && value.All(c => c is >= 'a' and <= 'z' or '.' or '/') ? value : Uri.EscapeDataString(ToValidUtf16(value));
    }

    /// <summary>A body for a handler that reads <paramref name="shape"/> as JSON, or reads the body itself (<paramref name="raw"/>).</summary>
    public HttpContent? Body(Type? shape, bool raw)
    {
        if (shape is null && !raw)
        {
            return Chance(0.7) ? null : Content(Chance(0.5) ? (Json(null, 0)?.ToJsonString() ?? "null") : RandomText(_random.Next(0, 200)), ContentType());
        }

        if (raw)
        {
            return _random.Next(4) switch
            {
                0 => Content(Csv(), Chance(0.8) ? "text/csv" : ContentType()),
                1 => Content(PositionsJson(), Chance(0.8) ? "application/json" : ContentType()),
                2 => Content(Truncate(PositionsJson()), "application/json"),
                _ => Content(RandomText(_random.Next(0, 400)), ContentType()),
            };
        }

        return _random.Next(14) switch
        {
            0 => null,
            1 => Content("", "application/json"),
            2 => Content((Json(null, 0)?.ToJsonString() ?? "null"), "application/json"), // of another shape
            3 => Content(Truncate(Shaped(shape!).ToJsonString()), "application/json"),
            4 => Content(RandomText(_random.Next(0, 300)), Chance(0.5) ? "application/json" : ContentType()),
            5 => Content(Shaped(shape!).ToJsonString(), ContentType()),
            6 => Content(new string('[', 200) + new string(']', 200), "application/json"),
            7 => Content(DuplicateKeys(Shaped(shape!)), "application/json"),
            8 => Content(Shaped(shape!).ToJsonString(), "application/json"),
            _ => Content(OneBad(shape!, JsonNamingPolicy.SnakeCaseLower.ConvertName(Pick(shape!.GetProperties()).Name)).ToJsonString(), "application/json"),
        };
    }

    /// <summary>A JSON object with the shape's keys (snake_case, sometimes other casings) and random values of any type.</summary>
    private JsonObject Shaped(Type shape)
    {
        var body = new JsonObject();
        foreach (var property in shape.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Chance(0.8))
            {
                var key = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
                key = _random.Next(10) switch
                {
                    0 => property.Name,
                    1 => key.ToUpperInvariant(),
                    _ => key,
                };
                body[key] = ValueFor(property, key);
            }
        }

        if (Chance(0.2))
        {
            body[RandomText(_random.Next(1, 10))] = Json(null, 1);
        }

        return body;
    }

    /// <summary>A body of the shape with every field right (where a right value is known) but <paramref name="badKey"/>: wrong, of another type, or left out.</summary>
    private JsonObject OneBad(Type shape, string? badKey = null)
    {
        var properties = shape.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var body = new JsonObject();
        for (var i = 0; i < properties.Length; i++)
        {
            var key = JsonNamingPolicy.SnakeCaseLower.ConvertName(properties[i].Name);
            if (key == badKey)
            {
                if (Chance(0.8))
                {
                    body[key] = Chance(0.7) ? JsonValue.Create(BadValue(key, null)) : Json(null, 1);
                }
            }
            else if (known.TryGetValue(key, out var values))
            {
                body[key] = Typed(properties[i], Pick(values));
            }
        }

        return body;
    }

    private static JsonValue Typed(PropertyInfo property, string value)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(double) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
            : type == typeof(bool) && bool.TryParse(value, out var flag) ? JsonValue.Create(flag)
            : JsonValue.Create(value);
    }

    private JsonNode? ValueFor(PropertyInfo property, string key)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (known.TryGetValue(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), out var values) && Chance(0.6))
        {
            return Typed(property, Pick(values)); // a value that is right, so that the request gets past it
        }

        if (Chance(0.3))
        {
            return Json(null, 1);
        }

        if (type == typeof(double) || type == typeof(int) || type == typeof(long))
        {
            return Chance(0.7)
                ? JsonValue.Create(Pick([0, -1, 1, 0.5, 1e-300, 1e300, double.MaxValue, -double.MaxValue, 5, 7.5, 10, 86400, 604801, long.MaxValue]))
                : JsonValue.Create(Value(key));
        }

        if (type == typeof(bool))
        {
            return Chance(0.7) ? JsonValue.Create(Chance(0.5)) : JsonValue.Create(Value(key));
        }

        return JsonValue.Create(Value(key));
    }

    /// <summary>Any JSON: scalars of every kind, arrays, objects, nesting.</summary>
    private JsonNode? Json(string? hint, int depth) => _random.Next(depth > 3 ? 5 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(Chance(0.5)),
        2 => JsonValue.Create(Pick([0, -1, 1e308, -1e-308, 3.5, long.MinValue, 42])),
        3 or 4 => JsonValue.Create(hint ?? Value("")),
        5 => new JsonArray([.. Enumerable.Range(0, _random.Next(4)).Select(_ => Json(null, depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, _random.Next(4)).Select(_ => KeyValuePair.Create(RandomText(_random.Next(1, 8)) + _random.Next(), Json(null, depth + 1)))),
    };

    private string DuplicateKeys(JsonObject body)
    {
        var text = body.ToJsonString();
        var first = body.FirstOrDefault();
        return first.Key is null || text.Length < 2 ? text : text[..^1] + (body.Count > 0 ? "," : "") + $"\"{first.Key}\":{Json(null, 2)?.ToJsonString() ?? "null"}}}";
    }

    private static readonly string[] PositionFields =
        ["id", "asset_type", "position_type", "entry_price", "liquidation_price", "size", "collateral", "current_price", "pnl_after_fees_usd", "wallet_name"];

    /// <summary>A positions CSV: a header of the fields (or others, repeated, reordered) and rows of good and bad cells.</summary>
    private string Csv()
    {
        var header = PositionFields.Where(_ => Chance(0.85)).ToList();
        if (Chance(0.2))
        {
            header.Add(Chance(0.5) ? Pick(header.Count > 0 ? header : ["id"]) : Pick(["Entry Price", "entryPrice", "ID", "", RandomText(5)]));
        }

        Shuffle(header);
        var lines = new List<string> { string.Join(",", header.Select(Cell)) };
        for (var row = _random.Next(0, 6); row > 0; row--)
        {
            var cells = header.Select(h => Cell(FieldValue(h))).ToList();
            if (Chance(0.1))
            {
                cells.Add("extra");
            }

            lines.Add(string.Join(",", cells));
        }

        if (Chance(0.1))
        {
            lines.Add("\"unterminated," + RandomText(5));
        }

        return string.Join(Chance(0.8) ? "\n" : "\r\n", lines);
    }

    /// <summary>Positions as JSON: an array or an object with positions, items of the right keys (in any casing, some twice) and wrong values.</summary>
    private string PositionsJson()
    {
        var items = new JsonArray();
        for (var i = _random.Next(0, 5); i > 0; i--)
        {
            if (Chance(0.1))
            {
                items.Add(Json(null, 2));
                continue;
            }

            var item = new JsonObject();
            foreach (var field in PositionFields.Where(_ => Chance(0.85)))
            {
                var key = _random.Next(6) switch
                {
                    0 => JsonNamingPolicy.CamelCase.ConvertName(string.Concat(field.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))),
                    1 => field.Replace('_', ' '),
                    _ => field,
                };
                item[key] = Chance(0.7) ? JsonValue.Create(FieldValue(field)) : Json(null, 2);
            }

            var text = item.ToJsonString();
            items.Add(JsonNode.Parse(text));
        }

        var json = Chance(0.5) ? items.ToJsonString() : new JsonObject { ["positions"] = items }.ToJsonString();
        if (Chance(0.15) && json.Contains("\"id\":", StringComparison.Ordinal))
        {
            // The same key twice in one item, literally or in another casing.
            json = json.Replace("{\"id\":", Chance(0.5) ? "{\"id\":\"dup\",\"id\":" : "{\"Id\":\"dup\",\"id\":", StringComparison.Ordinal);
        }

        return json;
    }

    /// <summary>A cell: mostly one that reads (so that a row gets as far as its one bad cell), else anything.</summary>
    private string FieldValue(string field) => field switch
    {
        "position_type" when Chance(0.8) => Pick(["LONG", "SHORT", "long"]),
        "asset_type" when Chance(0.75) => Pick(["SOL", "BTC", "ETH"]),
        "id" or "wallet_name" when Chance(0.6) => "fuzz-" + _random.Next(5),
        "entry_price" or "liquidation_price" or "size" or "collateral" or "current_price" or "pnl_after_fees_usd" when Chance(0.85) =>
            Chance(0.85) ? Pick(["100", "12.5", "180", "150", "3000"]) : Pick(["0", "-5", "1e308", "1e309", "NaN", "Infinity", "99999999999999999999"]),
        _ => Value(field),
    };

    private static string Cell(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private string Number(Type? type) => type == typeof(double)
        ? Pick(["1e308", "-1e308", "1e-320", "NaN", "-Infinity", "0", "-0.0", "123456789.123456789", "1,5", "5e", "+7"])
        : Pick(["0", "-1", "2147483648", "-2147483648", "9223372036854775807", "9223372036854775808", "1.0", "1e3", "+1", " 1", "0x10", "1 000"]);

    private string ContentType() => Pick(["application/json", "text/plain", "text/csv", "application/xml", "application/json; charset=utf-16", "multipart/form-data", "", "application/x-www-form-urlencoded"]);

    private string Truncate(string text) => text.Length <= 1 ? text : text[.._random.Next(1, text.Length)];

    /// <summary>A right-looking value with a control character in it (NUL most often: PostgreSQL cannot store it).</summary>
    private string WithControl(string value) => value.Insert(_random.Next(value.Length + 1), Pick(["\0", "\0", "\u0001", "\u001b", "\u007f", "\n", "\u0085"]));

    private string Mangle(string value) => _random.Next(4) switch
    {
        0 => value + Pick(Nasty),
        1 => Pick(Nasty) + value,
        2 => value.ToUpperInvariant(),
        _ => " " + value + " ",
    };

    /// <summary>Printable text of every script, with now and then a control character.</summary>
    private string RandomText(int length)
    {
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            builder.Append(_random.Next(12) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0x80, 0x2FF),
                2 => (char)_random.Next(0x4E00, 0x4F00),
                3 => Pick(["'", "\"", "\\", "/", "%", "&", "=", ";", "--", "..", "{", "}", "<", ">"]),
                _ => (char)_random.Next(32, 127),
            });
        }

        return builder.ToString();
    }

    private static string Pair(string key, string value) => Uri.EscapeDataString(ToValidUtf16(key)) + "=" + Uri.EscapeDataString(ToValidUtf16(value));

    /// <summary>A lone surrogate cannot be encoded in a URL: replace it (the server sees what UTF-8 can carry).</summary>
    private static string ToValidUtf16(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static StringContent Content(string text, string contentType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = contentType.Length == 0 ? null : System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed : null;
        return content;
    }

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A seed from a text that is the same in every process (string hashes are randomised per process).</summary>
    public static int Seed(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));

    public static string Describe(HttpContent? content) =>
        content is null ? "(no body)" : $"{content.Headers.ContentType} {Shorten(content.ReadAsStringAsync().GetAwaiter().GetResult())}";

    public static string Shorten(string text) => text.Length > 300 ? text[..300] + $"… ({text.Length.ToString(CultureInfo.InvariantCulture)} chars)" : text;
}
