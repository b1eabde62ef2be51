namespace Huella.Server.Portal;

/// <summary>What a reader sees for a mesa or area code the election does not have (status 404).</summary>
internal static class NotFoundPage
{
    public static string Render(PortalContext context, string message) =>
        PortalLayout.Render(context, context.Text.NotFoundTitle, html =>
        {
            html.Element("h1", context.Text.NotFoundTitle);
            html.Element("p", message);
            html.Open("p").Link(context.Home, context.Text.NavResults).Close("p");
        });
}
