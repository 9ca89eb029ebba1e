using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace MonitorCore.Api.Dashboard;

/// <summary>
/// The dashboard's static files (<c>Dashboard/wwwroot</c>, embedded in this assembly), served at <c>/</c>. They are
/// the same for everyone and hold no data, so they need no key: the page asks for one when the API answers 401.
/// Everything the page shows comes from the public API and its event stream.
/// </summary>
public static class DashboardFiles
{
    /// <summary>What the page may load and call: only this origin; the favicon is drawn into a data: URL.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IFileProvider Files { get; } = new ManifestEmbeddedFileProvider(typeof(DashboardFiles).Assembly, "Dashboard/wwwroot");

    /// <summary>Serves <c>index.html</c> at <c>/</c> and the assets under it, before the key check.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "no-cache"; // revalidated: an upgrade of the service shows at once
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.File.Name.EndsWith(".html", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                }
            },
        });
        return app;
    }
}
