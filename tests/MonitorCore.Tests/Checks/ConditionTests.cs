using MonitorCore.Checks;

namespace MonitorCore.Tests.Checks;

public sealed class ConditionTests
{
    private static readonly string[] Http = ["STATUS", "RESPONSE_TIME", "BODY", "HEADER", "CERTIFICATE_EXPIRATION", "CONNECTED"];

    private static CheckValues Answer() => new CheckValues()
        .Set("STATUS", 200)
        .Set("RESPONSE_TIME", 123.4)
        .Set("CONNECTED", "true")
        .Set("CERTIFICATE_EXPIRATION", TimeSpan.FromDays(3).TotalMilliseconds)
        .SetDocument("BODY", """{"status":"ok","data":{"price":187.5,"items":[{"name":"a"},{"name":"b"}]},"error":null}""")
        .SetHeader("Content-Type", "application/json; charset=utf-8");

    private static ConditionResult Eval(string condition) => Condition.Parse(condition, Http).Evaluate(Answer());

    [Theory]
    [InlineData("[STATUS] == 200", true, "200")]
    [InlineData("[STATUS] != 200", false, "200")]
    [InlineData("[STATUS] == any(200, 204)", true, "200")]
    [InlineData("[STATUS] >= 400", false, "200")]
    [InlineData("[RESPONSE_TIME] < 500", true, "123.4")]
    [InlineData("[RESPONSE_TIME] < 100ms", false, "123.4")]
    [InlineData("[RESPONSE_TIME] <= 1s", true, "123.4")]
    [InlineData("[BODY].status == ok", true, "ok")]
    [InlineData("[BODY].status == \"ok\"", true, "ok")]
    [InlineData("[BODY].status == pat(o*)", true, "ok")]
    [InlineData("[BODY].data.price > 0", true, "187.5")]
    [InlineData("[BODY].data.price == 187.50", true, "187.5")]
    [InlineData("[BODY].data.items[1].name == b", true, "b")]
    [InlineData("len([BODY].data.items) == 2", true, "2")]
    [InlineData("has([BODY].error) == true", true, "true")]
    [InlineData("has([BODY].missing) == false", true, "false")]
    [InlineData("[HEADER].content-type == pat(*json*)", true, "application/json; charset=utf-8")]
    [InlineData("[CERTIFICATE_EXPIRATION] > 48h", true, "259200000")]
    [InlineData("[CERTIFICATE_EXPIRATION] > 7d", false, "259200000")]
    [InlineData("[CONNECTED] == true", true, "true")]
    public void A_condition_reads_what_the_check_measured(string condition, bool success, string actual)
    {
        var result = Eval(condition);

        Assert.Equal((success, actual), (result.Success, result.Actual));
        Assert.Equal(condition, result.Condition);
    }

    [Fact]
    public void A_value_the_run_did_not_measure_fails_the_condition_and_says_so()
    {
        var result = Eval("[BODY].data.volume > 0");

        Assert.False(result.Success);
        Assert.Null(result.Actual);
        Assert.False(Condition.Parse("[STATUS] == 200", Http).Evaluate(new CheckValues().Set("CONNECTED", "false")).Success);
    }

    [Fact]
    public void A_body_that_is_not_JSON_is_text_for_the_whole_body_and_absent_for_paths()
    {
        var values = new CheckValues().SetDocument("BODY", "<html>down for maintenance</html>");

        Assert.True(Condition.Parse("[BODY] == pat(*maintenance*)", Http).Evaluate(values).Success);
        Assert.False(Condition.Parse("[BODY].status == ok", Http).Evaluate(values).Success);
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("STATUS == 200", 1, "the left side must be a measured value")]
    [InlineData("[STATSU] == 200", 2, "did you mean [STATUS]?")]
    [InlineData("[EXIT_CODE] == 0", 2, "is not measured by this check")]
    [InlineData("[STATUS] = 200", 10, "expected an operator")]
    [InlineData("[STATUS] >> 200", 11, "is not a number")]
    [InlineData("[STATUS] ==", 12, "a value is missing")]
    [InlineData("[STATUS].code == 200", 9, "has no fields")]
    [InlineData("[BODY].items[x] == 1", 13, "expected an index")]
    [InlineData("len([BODY] > 1", 12, "')' is missing")]
    [InlineData("pat([BODY]) == 1", 1, "cannot be on the left")]
    [InlineData("[RESPONSE_TIME] < pat(*1*)", 19, "compare with == or != only")]
    [InlineData("[STATUS] > fast", 12, "'fast' is not a number")]
    [InlineData("[HEADER] == x", 9, "needs the header's name")]
    [InlineData("[BODY == 1", 11, "']' is missing")]
    public void A_condition_that_does_not_parse_points_at_the_column(string condition, int column, string reason)
    {
        var error = Assert.Throws<ConditionException>(() => Condition.Parse(condition, Http));

        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"column {column}: ", error.Message, StringComparison.Ordinal);
    }
}
