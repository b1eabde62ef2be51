using Microsoft.Net.Http.Headers;

namespace Huella.Server.Portal;

/// <summary>
/// Which language a request is answered in: <c>?lang=es|en</c> (then remembered in a cookie), else
/// the cookie, else the first of Spanish or English in Accept-Language by quality, else Spanish.
/// </summary>
internal static class PortalLanguage
{
    public const string Cookie = "huella-lang";

    public static PortalText Resolve(HttpContext http)
    {
        var request = http.Request;
        var chosen = request.Query["lang"].ToString();
        if (chosen is "es" or "en")
        {
            http.Response.Cookies.Append(Cookie, chosen, new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
        }
        else if (request.Cookies.TryGetValue(Cookie, out var remembered) && remembered is "es" or "en")
        {
            chosen = remembered;
        }
        else
        {
            chosen = FromAcceptLanguage(request) ?? PortalText.Spanish.Language;
        }

        http.Response.Headers.Vary = "Accept-Language, Cookie";
        http.Response.Headers.ContentLanguage = chosen;
        return PortalText.For(chosen);
    }

    private static string? FromAcceptLanguage(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList([.. request.Headers.AcceptLanguage.OfType<string>()], out var languages))
        {
            return null;
        }

        foreach (var language in languages.Where(l => l.Quality is not <= 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("es", StringComparison.OrdinalIgnoreCase))
            {
                return "es";
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return "en";
            }
        }

        return null;
    }
}
