using System.Net;

namespace MonitorCore.Api.Tests;

/// <summary><c>GET /api/schemas/{name}</c>: the JSON Schemas, exactly as <c>docs/schemas</c> holds them; 404 naming the known ones.</summary>
public sealed class SchemasApiTests() : ApiTestBase(new SqliteDatabaseFactory())
{
    private static readonly string[] Names = ["monitorcore", "monitors", "check-http", "check-tcp", "check-command", "check-dns"];

    private static string Schemas()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MonitorCore.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "schemas");
            }
        }

        throw new InvalidOperationException("the repository (MonitorCore.sln) is not above the test's folder");
    }

    [Fact]
    public async Task Each_schema_is_served_as_committed_under_docs_schemas()
    {
        var list = (await Client.Get("api/schemas")).Is(HttpStatusCode.OK).Json["schemas"]!.AsArray();
        Assert.Equal(string.Join(' ', Names), string.Join(' ', list.Select(s => (string?)s!["name"])));
        Assert.Equal("schemas/check-http.schema.json", (string?)list[2]!["file"]);

        foreach (var name in Names)
        {
            var reply = (await Client.Get($"api/schemas/{name}")).Is(HttpStatusCode.OK);
            Assert.Equal("application/schema+json", reply.ContentType);
            Assert.Equal(File.ReadAllText(Path.Combine(Schemas(), $"{name}.schema.json")), reply.Body);
        }

        Assert.Equal("http", (string?)(await Client.Get("api/schemas/CHECK-HTTP")).Is(HttpStatusCode.OK).Json["properties"]!["Type"]!["const"]);
    }

    [Fact]
    public async Task An_unknown_schema_is_a_404_problem_naming_the_schemas_there_are()
    {
        var problem = (await Client.Get("api/schemas/check-htp")).Problem(HttpStatusCode.NotFound);

        Assert.Equal("There is no schema 'check-htp'; the schemas are monitorcore, monitors, check-http, check-tcp, check-command, check-dns.", (string?)problem["detail"]);
    }
}
