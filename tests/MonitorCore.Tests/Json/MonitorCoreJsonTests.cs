using System.Text.Json;
using MonitorCore.Alerts;
using MonitorCore.Json;
using MonitorCore.Monitoring;
using MonitorCore.Notifications;
using MonitorCore.Positions;

namespace MonitorCore.Tests.Json;

/// <summary>The JSON convention of every output and stored value: snake_case keys, enums as their words.</summary>
public class MonitorCoreJsonTests
{
    public sealed record Row(
        PositionType PositionType,
        PositionStatus Status,
        AlertLevel PeakLevel,
        MonitorStatus RunStatus,
        AlertLevel? MaybeLevel,
        IReadOnlyList<SnoozeScope> Scopes,
        string AssetType);

    private static readonly Row Sample = new(
        PositionType.Short, PositionStatus.StaleClosed, AlertLevel.Medium, MonitorStatus.Success, null, [SnoozeScope.Global, SnoozeScope.Alert], "BTC");

    [Fact]
    public void Values_are_written_as_their_words_under_snake_case_keys()
    {
        var json = JsonSerializer.Serialize(Sample, MonitorCoreJson.Options);

        Assert.Equal(
            """{"position_type":"SHORT","status":"STALE_CLOSED","peak_level":"MEDIUM","run_status":"Success","maybe_level":null,"scopes":["GLOBAL","ALERT"],"asset_type":"BTC"}""",
            json);
    }

    [Fact]
    public void The_indented_options_write_the_same_words_and_keys()
    {
        var indented = JsonSerializer.Serialize(Sample, MonitorCoreJson.Indented);

        Assert.Contains('\n', indented);
        Assert.Contains("\"position_type\": \"SHORT\"", indented, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(Sample, MonitorCoreJson.Options), JsonSerializer.Serialize(JsonDocument.Parse(indented)));
    }

    [Theory]
    [InlineData("SHORT", "STALE_CLOSED", "MEDIUM", "Success", "HIGH")]
    [InlineData("short", "stale_closed", "medium", "success", "high")]
    [InlineData("Short", "StaleClosed", "Medium", "SUCCESS", "High")]
    public void Values_are_read_in_any_casing_and_by_member_name(string type, string status, string level, string run, string maybe)
    {
        var json = $$"""{"position_type":"{{type}}","status":"{{status}}","peak_level":"{{level}}","run_status":"{{run}}","maybe_level":"{{maybe}}","scopes":["global","Monitor"],"asset_type":"SOL"}""";

        var row = JsonSerializer.Deserialize<Row>(json, MonitorCoreJson.Options)!;

        Assert.Equal(
            (PositionType.Short, PositionStatus.StaleClosed, AlertLevel.Medium, MonitorStatus.Success, (AlertLevel?)AlertLevel.High),
            (row.PositionType, row.Status, row.PeakLevel, row.RunStatus, row.MaybeLevel));
        Assert.Equal([SnoozeScope.Global, SnoozeScope.Monitor], row.Scopes);
    }

    [Fact]
    public void A_round_trip_gives_back_the_same_value()
    {
        var back = JsonSerializer.Deserialize<Row>(JsonSerializer.Serialize(Sample, MonitorCoreJson.Options), MonitorCoreJson.Options)!;

        Assert.Equal(Sample, back with { Scopes = Sample.Scopes });
        Assert.Equal(Sample.Scopes, back.Scopes);
    }

    [Fact]
    public void Dictionary_keys_are_written_as_words_and_read_in_any_casing()
    {
        var counts = new Dictionary<AlertLevel, int> { [AlertLevel.Low] = 1, [AlertLevel.High] = 3 };
        Assert.Equal("""{"LOW":1,"HIGH":3}""", JsonSerializer.Serialize(counts, MonitorCoreJson.Options));

        var back = JsonSerializer.Deserialize<Dictionary<AlertLevel, int>>("""{"low":1,"Medium":2,"HIGH":3}""", MonitorCoreJson.Options)!;

        Assert.Equal(new Dictionary<AlertLevel, int> { [AlertLevel.Low] = 1, [AlertLevel.Medium] = 2, [AlertLevel.High] = 3 }, back);
        var statuses = new Dictionary<NotificationStatus, int> { [NotificationStatus.Dead] = 2 };
        Assert.Equal("""{"DEAD":2}""", JsonSerializer.Serialize(statuses, MonitorCoreJson.Options));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("1")]
    [InlineData("\"3\"")]
    [InlineData("\"LOUD\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Numbers_and_unknown_words_are_refused_as_values(string value)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AlertLevel>(value, MonitorCoreJson.Options));

        Assert.Contains("is not one of LOW, MEDIUM, HIGH (AlertLevel)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_word_inside_a_record_is_refused_naming_it()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Row>(
            """{"position_type":"SIDEWAYS","status":"ACTIVE","peak_level":"LOW","run_status":"Success","scopes":[],"asset_type":"BTC"}""",
            MonitorCoreJson.Options));

        Assert.Contains("'SIDEWAYS' is not one of LONG, SHORT", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"3":1}""")]
    [InlineData("""{"0":1}""")]
    [InlineData("""{"LOUD":1}""")]
    public void Numbers_and_unknown_words_are_refused_as_dictionary_keys(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<AlertLevel, int>>(json, MonitorCoreJson.Options));

        Assert.Contains("LOW, MEDIUM, HIGH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_converter_alone_gives_the_same_words_to_options_of_ones_own()
    {
        var options = new JsonSerializerOptions { Converters = { new VocabularyEnumConverter() } };

        Assert.Equal("\"STALE_CLOSED\"", JsonSerializer.Serialize(PositionStatus.StaleClosed, options));
        Assert.Equal(AlertState.Firing, JsonSerializer.Deserialize<AlertState>("\"firing\"", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AlertState>("0", options));
        Assert.True(new VocabularyEnumConverter().CanConvert(typeof(AlertLevel)));
        Assert.False(new VocabularyEnumConverter().CanConvert(typeof(int)));
    }

    [Fact]
    public void The_shared_options_cannot_be_changed()
    {
        Assert.True(MonitorCoreJson.Options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => MonitorCoreJson.Options.Converters.Clear());
    }
}
