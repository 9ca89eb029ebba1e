using System.Net;

namespace MonitorCore.Api.Tests;

/// <summary>Every error answer is a problem, also those no handler writes: an unknown route, a method a route does not take.</summary>
public sealed class ProblemsTests
{
    [Theory]
    [InlineData("GET", "nope", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/prices/BTC", HttpStatusCode.NotFound)]
    [InlineData("POST", "api/alerts/abc/acknowledge", HttpStatusCode.NotFound)] // {id:long}
    [InlineData("POST", "api/notifications/99999999999999999999/retry", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "monitors", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "api/settings/theme_mode", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "monitor/all", HttpStatusCode.MethodNotAllowed)]
    public async Task An_answer_no_handler_wrote_is_a_problem_with_a_title_and_a_detail(string method, string path, HttpStatusCode status)
    {
        await using var api = await ApiHost.StartOnSqliteAsync();

        var problem = (await api.Client.Send(new HttpMethod(method), path, null)).Problem(status);

        Assert.Contains("/openapi/v1.json", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_inside_a_handler_is_a_500_problem_without_internals_and_logged()
    {
        await using var api = await ApiHost.StartOnSqliteAsync();
        await using (var connection = await api.Get<Data.Database>().OpenAsync(CancellationToken.None))
        {
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE wallets";
            await drop.ExecuteNonQueryAsync();
        }

        var reply = await api.Client.Get("api/wallets");

        var problem = reply.Problem(HttpStatusCode.InternalServerError);
        Assert.Equal("Something went wrong", (string?)problem["title"]);
        Assert.DoesNotContain("wallets", reply.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(api.Errors.Entries, e => e.Contains("GET /api/wallets failed", StringComparison.Ordinal));
    }
}
